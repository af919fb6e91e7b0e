CREATE INDEX residents_phone ON residents (phone);
