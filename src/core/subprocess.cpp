#include "core/subprocess.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

extern char** environ;

namespace caunoi::subprocess {
namespace {

Error Failed(const std::string& what) { return Error::Internal(what); }

// Starts argv with one end of a pipe as its fd `child_fd` (0 or 1); returns its pid and our end.
Result<std::pair<pid_t, int>> Start(const std::vector<std::string>& argv, int child_fd) {
    if (argv.empty()) return Failed("no program to run");
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return Failed(std::string("pipe: ") + std::strerror(errno));
    const int theirs = child_fd == 0 ? p[0] : p[1], ours = child_fd == 0 ? p[1] : p[0];
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, theirs, child_fd);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(theirs);
    if (rc != 0) {
        ::close(ours);
        return Failed("cannot run " + argv[0] + ": " + std::strerror(rc));
    }
    return std::make_pair(pid, ours);
}

Status Wait(pid_t pid, const std::string& name, bool stop) {
    if (stop) ::kill(pid, SIGTERM);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return Failed("waitpid: " + std::string(std::strerror(errno)));
    if (stop) return {};
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
    if (WIFEXITED(status)) return Failed(name + " exited with status " + std::to_string(WEXITSTATUS(status)));
    return Failed(name + " was killed by signal " + std::to_string(WTERMSIG(status)));
}

}  // namespace

Status ReadFrom(const std::vector<std::string>& argv, const std::function<Status(std::string_view)>& sink) {
    CAUNOI_ASSIGN(auto started, Start(argv, 1));
    auto [pid, fd] = started;
    std::string buf(1 << 16, '\0');
    Status st;
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            st = Failed("reading from " + argv[0] + ": " + std::strerror(errno));
            break;
        }
        if (n == 0) break;
        st = sink(std::string_view(buf.data(), static_cast<size_t>(n)));
        if (!st.ok()) break;
    }
    ::close(fd);
    Status waited = Wait(pid, argv[0], !st.ok());
    return st.ok() ? waited : st;
}

Status WriteTo(const std::vector<std::string>& argv, const std::function<Status(const Feed&)>& feed) {
    // A program that stops reading must not kill this process: its write fails with EPIPE instead.
    std::signal(SIGPIPE, SIG_IGN);
    CAUNOI_ASSIGN(auto started, Start(argv, 0));
    auto [pid, fd] = started;
    bool write_failed = false;
    Feed write = [&, fd = fd](std::string_view data) -> Status {
        while (!data.empty()) {
            const ssize_t n = ::write(fd, data.data(), data.size());
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                write_failed = true;
                return Failed("writing to " + argv[0] + ": " + std::strerror(errno));
            }
            data.remove_prefix(static_cast<size_t>(n));
        }
        return {};
    };
    Status st = feed(write);
    ::close(fd);
    // The feed's own failure (a damaged input): the program is stopped, not left to load half.
    // A failed write: the program stopped reading, and its exit status says why.
    const bool stop = !st.ok() && !write_failed;
    Status waited = Wait(pid, argv[0], stop);
    if (stop) return st;
    return waited.ok() ? st : waited;
}

}  // namespace caunoi::subprocess
