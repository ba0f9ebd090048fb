package bleve

import (
	"os"
	"strconv"
)

func itoa(n int) string { return strconv.Itoa(n) }

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o600) }
