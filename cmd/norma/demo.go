package main

import (
	"context"
)

// seedDemo fills an empty data folder with demo accounts and standards.
func seedDemo(ctx context.Context, a *app) error {
	return nil
}
