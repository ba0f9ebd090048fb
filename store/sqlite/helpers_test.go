package sqlite_test

import "context"

var t0ctx = context.Background()
