package docs

import "testing"

func TestAmendmentNumbers(t *testing.T) {
	for _, tc := range []struct{ in, want, edition string }{
		{"DB11/T 1234—2020/XG1—2026", "DB11/T 1234—2020/XG1—2026", "DB11/T 1234—2020"},
		{"db11/t 1234-2020/xg2-2027", "DB11/T 1234—2020/XG2—2027", "DB11/T 1234—2020"},
		{"GB/T 12345－2020 / XG1－2026", "GB/T 12345—2020/XG1—2026", "GB/T 12345—2020"},
		{"GB/T 12345—2020/XG3", "GB/T 12345—2020/XG3", "GB/T 12345—2020"},
		{"GB/T 12345—2020第1号修改单", "GB/T 12345—2020/XG1", "GB/T 12345—2020"},
		{"GB/T 12345—2020 第二号修改单", "GB/T 12345—2020/XG2", "GB/T 12345—2020"},
		{"GB/T 12345—2020 第十二号修改单", "GB/T 12345—2020/XG12", "GB/T 12345—2020"},
		{"GB/T 12345—2020", "GB/T 12345—2020", "GB/T 12345—2020"},
		{"GB/T 12345—2020/XG99—2030", "GB/T 12345—2020/XG99—2030", "GB/T 12345—2020"},
		{"GB/T 12345—2020/XG01—2026", "GB/T 12345—2020/XG1—2026", "GB/T 12345—2020"},
		{"GB/T 12345—2020 第九十九号修改单", "GB/T 12345—2020/XG99", "GB/T 12345—2020"},
	} {
		n, err := ParseNumber(tc.in)
		if err != nil {
			t.Errorf("ParseNumber(%q): %v", tc.in, err)
			continue
		}
		if n.String() != tc.want || n.Edition().String() != tc.edition {
			t.Errorf("ParseNumber(%q) = %s (edition %s), want %s (edition %s)", tc.in, n, n.Edition(), tc.want, tc.edition)
		}
	}
	for _, bad := range []string{"GB/T 12345/XG1—2026", "GB/T 12345—2020/XG1—26x",
		"GB/T 12345—2020 第0号修改单", "GB/T 12345—2020/XG0—2026", "GB/T 12345—2020/XG0",
		"GB/T 12345—2020/XG100—2026", "GB/T 12345—2020/XG100", "GB/T 12345—2020/XG—2026",
		"GB/T 12345—2020 第100号修改单", "GB/T 12345—2020/XG1—"} {
		if n, err := ParseNumber(bad); err == nil {
			t.Errorf("ParseNumber(%q) = %s, want an error", bad, n)
		}
	}
	// In running text a sheet number out of range ends the citation at
	// the edition it names.
	if found := FindNumbers("见GB/T 12345—2020/XG100—2026。"); len(found) != 1 || found[0].Number.String() != "GB/T 12345—2020" {
		t.Errorf("FindNumbers(XG100) = %+v, want the edition alone", found)
	}
	found := FindNumbers("按照GB/T 12345—2020 第1号修改单和DB11/T 1234—2020/XG2—2027的规定执行。")
	if len(found) != 2 || found[0].Number.String() != "GB/T 12345—2020/XG1" || found[0].Text != "GB/T 12345—2020 第1号修改单" ||
		found[1].Number.String() != "DB11/T 1234—2020/XG2—2027" {
		t.Errorf("FindNumbers = %+v", found)
	}
}
