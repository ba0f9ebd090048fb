package workflow

import "testing"

func TestDecideImport(t *testing.T) {
	r := &Revision{Hash: "h2"}
	for _, tc := range []struct {
		name  string
		found *Standard
		hash  string
		want  ImportOutcome
		code  string
	}{
		{"new id", nil, "", Imported, ""},
		{"same text", &Standard{ID: "t", Source: "a.md"}, "h2", Unchanged, ""},
		{"changed text", &Standard{ID: "t", Source: "a.md"}, "h1", Updated, ""},
		{"drafted in Norma", &Standard{ID: "s-x"}, "h1", "", ECONFLICT},
	} {
		got, err := DecideImport(tc.found, tc.hash, r)
		if got != tc.want || ErrorCode(err) != tc.code {
			t.Errorf("%s: DecideImport = %q, %v; want %q, code %q", tc.name, got, err, tc.want, tc.code)
		}
	}
}

func TestNumberBase(t *testing.T) {
	for in, want := range map[string]string{"GB/T 1.1—2020": "GB/T 1.1", "DB11/T 1234-2019": "DB11/T 1234", "no number": ""} {
		if got := NumberBase(in); got != want {
			t.Errorf("NumberBase(%q) = %q, want %q", in, got, want)
		}
	}
}
