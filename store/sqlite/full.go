package sqlite

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"norma/workflow"
)

// minFree is the free space under which an I/O error of a write is taken
// for a full disk: less than SQLite needs to grow the file or its journal.
const minFree = 1 << 20

// ioFullCodes are the extended I/O errors that a disk without space gives
// (SQLite reports most of them as SQLITE_FULL, but not a failed fsync or a
// shared-memory file it cannot grow).
var ioFullCodes = []int{sqlite3.SQLITE_IOERR_WRITE, sqlite3.SQLITE_IOERR_FSYNC, sqlite3.SQLITE_IOERR_DIR_FSYNC,
	sqlite3.SQLITE_IOERR_TRUNCATE, sqlite3.SQLITE_IOERR_SHMSIZE, sqlite3.SQLITE_IOERR_SHMMAP}

// fullDisk turns an error of a write into workflow's storage-full error
// when the database's disk is full: SQLITE_FULL, or an I/O error of
// writing while the folder has almost no space left.
func (db *DB) fullDisk(err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch code := se.Code(); {
	case code&0xff == sqlite3.SQLITE_FULL:
		return workflow.StorageFull(err)
	case code&0xff == sqlite3.SQLITE_IOERR && containsInt(ioFullCodes, code):
		if free, ok := freeBytes(db.path); ok && free < minFree {
			return workflow.StorageFull(err)
		}
	}
	return err
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
