package searchtest

import (
	"testing"

	"norma/search/fold"
)

func TestOccurs(t *testing.T) {
	for _, c := range []struct {
		text, part string
		want       bool
	}{
		{"住宅小区物业服务规范", "物业服务", true},
		{"住宅小区物业服务规范", "业服", true},
		{"物业管理和服务", "物业服务", false},
		{"物业，服务", "物业服务", false},
		{"等同采用 ISO 9001:2015", "iso", true},
		{"等同采用 ISO 9001:2015", "9001", true},
		{"isolation", "iso", false},
		{"第11.1条", "1.1", false},
		{"GB/T 1.1—2020", "1.1", true},
		{"DB11/T 1234", "db11", true},
		{"DB11/T 1234", "b11", false},
		{"ＧＢ／Ｔ　１．１", "gb/t", true},
		{"", "水", false},
	} {
		if got := occurs(fold.String(c.text), c.part); got != c.want {
			t.Errorf("occurs(%q, %q) = %v, want %v", c.text, c.part, got, c.want)
		}
	}
}

func TestDocumentsAreFresh(t *testing.T) {
	a := Documents()
	a[0].Title, a[0].Readers[0] = "changed", "changed"
	if b := Documents(); b[0].Title == "changed" || b[0].Readers[0] == "changed" {
		t.Error("Documents shares state between calls")
	}
}
