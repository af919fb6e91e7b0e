-- Local products and community-tourism places (issue 20; docs/listings.md): listings, their
-- photos (four small re-encoded images each, never the upload), resumable uploads in progress,
-- and daily page views and contact taps. Every row carries its commune (storage/distribution.cpp).

CREATE TABLE listings (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    area_path TEXT NOT NULL,                 -- the village's
    village_id TEXT NOT NULL,
    kind TEXT NOT NULL,                      -- product | place
    category TEXT NOT NULL,                  -- listings/listing.hpp kCategories
    ocop_stars INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    description_en TEXT NOT NULL DEFAULT '',
    household_id TEXT,
    owner_name TEXT NOT NULL,
    contact_phone TEXT NOT NULL,             -- national form, 0 + 9 digits
    price INTEGER NOT NULL,                  -- đồng
    price_max INTEGER NOT NULL DEFAULT 0,
    unit TEXT NOT NULL DEFAULT '',
    months INTEGER NOT NULL DEFAULT 0,       -- bit 0 = January; 0 = all year
    quantity TEXT NOT NULL DEFAULT '',
    pickup TEXT NOT NULL DEFAULT '',
    capacity INTEGER NOT NULL DEFAULT 0,
    directions TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    show_place INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,                    -- pending | approved | rejected | paused | withdrawn
    ever_approved INTEGER NOT NULL DEFAULT 0,
    reject_reason TEXT NOT NULL DEFAULT '',
    photo_id TEXT,
    consent_by TEXT NOT NULL,
    consent_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    decided_by TEXT,
    decided_at INTEGER,
    PRIMARY KEY (commune_id, id)
);
CREATE INDEX listings_id ON listings (id);
CREATE INDEX listings_area ON listings (area_path, status);

-- Base64 text: the same column type in both engines (a listing image is at most 60 KB).
CREATE TABLE listing_photos (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    listing_id TEXT NOT NULL,
    large_webp TEXT NOT NULL,
    large_jpeg TEXT NOT NULL,
    thumb_webp TEXT NOT NULL,
    thumb_jpeg TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    lat REAL,                                -- kept only when the owner chose to show the place
    lon REAL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (commune_id, id)
);
CREATE INDEX listing_photos_id ON listing_photos (id);

-- An upload in pieces (the field app sends 192 KiB at a time and resumes after a lost signal).
-- The id becomes the photo's id; the pieces are deleted once the photo is made (or refused).
CREATE TABLE listing_uploads (
    commune_id TEXT NOT NULL,
    id TEXT NOT NULL,
    listing_id TEXT NOT NULL,
    total INTEGER NOT NULL,
    received INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (commune_id, id)
);
CREATE TABLE listing_upload_parts (
    commune_id TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    first_byte INTEGER NOT NULL,
    data TEXT NOT NULL,                      -- base64
    PRIMARY KEY (commune_id, upload_id, first_byte)
);

CREATE TABLE listing_stats (
    commune_id TEXT NOT NULL,
    listing_id TEXT NOT NULL,
    day INTEGER NOT NULL,                    -- days since 1970-01-01, Vietnam's calendar
    views INTEGER NOT NULL DEFAULT 0,
    contacts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (commune_id, listing_id, day)
);
