// Finding the communes a pasted bulletin names ("…lũ quét, sạt lở đất tại các xã Mường Xén, Na
// Ngoi, Mường Lống…"), for an officer to confirm before anything is sent: never a command, only
// a proposal. Matching ignores case and diacritics (typed with or without marks, NFC or NFD),
// takes whole words only ("Na Ngoi" is not found in "Nà Ngoila"), and the longest name where
// two overlap ("Anh Sơn Đông" is not also "Anh Sơn"). "huyện Kỳ Sơn" (a district before the 2025
// merger) proposes every commune of that former district, marked as such. Names in the bulletin's
// lists of communes that match nothing are returned too, so the officer sees what was missed.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace caunoi::warnings {

struct Place {
    std::string id;               // the official commune code
    std::string name;             // "Mường Xén"
    std::string former_district;  // "Kỳ Sơn", "" if none is recorded
};

struct PlaceMatch {
    std::string id;
    std::string name;
    std::string said;  // what the text said, folded: "muong xen", "huyen ky son"
    bool by_district = false;
};

struct PlacesInText {
    std::vector<PlaceMatch> places;    // in order of first mention, each place once
    std::vector<std::string> unknown;  // list items after "xã"/"phường"/"thị trấn" matching no place (folded)
};

PlacesInText FindPlaces(std::string_view text, const std::vector<Place>& places);

}  // namespace caunoi::warnings
