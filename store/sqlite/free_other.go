//go:build !(linux || darwin || freebsd)

package sqlite

// freeBytes cannot tell the free space here: an I/O error stays an
// internal error, and only SQLITE_FULL reads as a full disk.
func freeBytes(string) (uint64, bool) { return 0, false }
