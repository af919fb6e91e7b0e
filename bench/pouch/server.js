// The CHT stack's sync server for bench/pouch_apply.sh: express-pouchdb over pouchdb-node's LevelDB
// adapter (leveldown), listening on 127.0.0.1. Usage: node server.js PORT DATA_DIR
//
// LevelDB acknowledges a write once it is in the OS's page cache unless the write asks for
// `sync: true`; PouchDB never asks, and neither express-pouchdb nor pouchdb exposes an option for
// it. caunoi acknowledges a push only after its commit is fsync'd (SQLite synchronous=FULL), so,
// to compare like with like, every batch, put and delete LevelDB gets is made synchronous here:
// LevelDB then fdatasyncs its log before answering (one per _bulk_docs call, which PouchDB writes
// as one batch). bench/pouch_apply.sh checks the syscalls with strace.
'use strict';
const path = require('node:path');
const leveldown = require('leveldown');

const proto = Object.getPrototypeOf(leveldown(path.join(process.argv[3], 'probe')));
for (const m of ['_batch', '_put', '_del']) {
  const orig = proto[m];
  proto[m] = function (...args) {
    // (ops, options, cb) for _batch; (key, value, options, cb) for _put; (key, options, cb) for _del.
    const i = args.length - 2;
    args[i] = { ...args[i], sync: process.env.POUCH_SYNC !== '0' };
    return orig.apply(this, args);
  };
}

const express = require('express');
const PouchDB = require('pouchdb-node');
const [port, dir] = process.argv.slice(2);
const Db = PouchDB.defaults({ prefix: path.join(dir, 'db-') });
const app = express();
// The CouchDB API a PouchDB client replicates against; no admin pages, config kept in memory.
app.use('/', require('express-pouchdb')(Db, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: path.join(dir, 'log.txt') }));
app.listen(Number(port), '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}`));
