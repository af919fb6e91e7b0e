#include "demo/names.hpp"

namespace caunoi::demo {

const std::vector<NameGroup>& NameGroups() {
    static const std::vector<NameGroup> g = {
        {"Thái",
         "tai",
         {"Lò Văn", "Vi Thị", "Lương Văn", "Lang Thị", "Kha Văn", "Quang Văn", "Lữ Thị", "Vi Văn", "Hà Thị", "Lô Văn"},
         {"Xuân", "Ban", "Phong", "Tiên", "Khăm", "Ính", "Bun", "Thoa", "Hương", "Nhật", "Đức", "Hùng", "Lả", "Ệt"}},
        {"Mông",
         "hmn",
         {"Lầu Bá", "Vừ Mí", "Xồng Bá", "Và Bá", "Mùa Thị", "Lầu Thị", "Thò Bá", "Giàng A", "Hờ Bá", "Lỳ Thị"},
         {"Chò", "Dơ", "Lử", "Pó", "Mỷ", "Xía", "Dê", "Sồng", "Chư", "Tồng", "Nụ", "Pàng", "Dình", "Giống"}},
        {"Khơ Mú",
         "kjg",
         {"Moong Văn", "Xeo Văn", "Lô Thị", "Cụt Văn", "Kha Thị", "Vi Văn", "Moong Thị", "Lau Văn"},
         {"Sơn", "Thâm", "Khăm", "Bua", "Pắn", "Tiến", "Xoan", "Tình", "Liên", "Đôi", "Lập", "Pheo"}},
        {"Kinh",
         "vi",
         {"Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Đặng Văn", "Đỗ Thị", "Hồ Văn", "Phan Thị"},
         {"An", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hạnh", "Lan", "Minh", "Nam", "Thảo", "Tuấn", "Yến", "Vinh"}},
    };
    return g;
}

int Weighted(std::mt19937& rng, std::initializer_list<int> w) {
    std::discrete_distribution<int> d(w.begin(), w.end());
    return d(rng);
}

int Weighted(std::mt19937& rng, const std::vector<int>& w) {
    std::discrete_distribution<int> d(w.begin(), w.end());
    return d(rng);
}

std::string PersonName(std::mt19937& rng, const NameGroup& g, bool female) {
    std::string fam = Pick(rng, g.family);
    // Middle names mark sex in most naming customs here: Văn/Bá/A for men, Thị for women.
    if (female) {
        for (const char* m : {" Văn", " Bá", " Mí", " A"}) {
            auto p = fam.find(m);
            if (p != std::string::npos) fam = fam.substr(0, p) + " Thị";
        }
    } else {
        auto p = fam.find(" Thị");
        if (p != std::string::npos) fam = fam.substr(0, p) + " Văn";
    }
    return fam + " " + Pick(rng, g.given);
}

}  // namespace caunoi::demo
