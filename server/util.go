package server

import (
	"net/url"
	"path"
	"strings"
)

func extOf(name string) string { return strings.TrimPrefix(path.Ext(name), ".") }

func urlPathEscape(s string) string { return url.PathEscape(s) }
