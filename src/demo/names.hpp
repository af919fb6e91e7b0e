// The naming groups of the demo datasets (demo/demo.cpp and storage/province_demo.cpp): family and
// middle names and given names of Thái, Mông, Khơ Mú and Kinh people, and the draws over them.
// The tables are immutable after their first use; the functions are thread-safe as long as each
// thread has its own generator.
#pragma once

#include <initializer_list>
#include <random>
#include <string>
#include <vector>

namespace caunoi::demo {

struct NameGroup {
    const char* ethnicity;
    const char* language;
    std::vector<const char*> family;  // family name + middle name
    std::vector<const char*> given;
};

// Thái, Mông, Khơ Mú, Kinh, in that order (weights over them index this list).
const std::vector<NameGroup>& NameGroups();

template <typename T>
const T& Pick(std::mt19937& rng, const std::vector<T>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

// An index drawn with the given weights.
int Weighted(std::mt19937& rng, std::initializer_list<int> w);
int Weighted(std::mt19937& rng, const std::vector<int>& w);

// A full name in the group's custom; the middle name marks the sex where the custom does.
std::string PersonName(std::mt19937& rng, const NameGroup& g, bool female);

}  // namespace caunoi::demo
