package docs

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want StdNumber
	}{
		{"GB/T 12345—2026", StdNumber{Prefix: "GB/T", Code: "12345", Year: "2026", Level: "national", Recommended: true}},
		{"GB 55001-2021", StdNumber{Prefix: "GB", Code: "55001", Year: "2021", Level: "national"}},
		{"GB55001-2021", StdNumber{Prefix: "GB", Code: "55001", Year: "2021", Level: "national"}},
		{"GB 55001 - 2021", StdNumber{Prefix: "GB", Code: "55001", Year: "2021", Level: "national"}},
		{"GB 55001——2021", StdNumber{Prefix: "GB", Code: "55001", Year: "2021", Level: "national"}},
		{"GB 55001–2021", StdNumber{Prefix: "GB", Code: "55001", Year: "2021", Level: "national"}},
		{"GB 55001―2021", StdNumber{Prefix: "GB", Code: "55001", Year: "2021", Level: "national"}},
		{"ＧＢ／Ｔ１２３４５－２０２６", StdNumber{Prefix: "GB/T", Code: "12345", Year: "2026", Level: "national", Recommended: true}},
		{"ＧＢ／Ｔ　１２３４５—２０２６", StdNumber{Prefix: "GB/T", Code: "12345", Year: "2026", Level: "national", Recommended: true}},
		{"gb/t 1.1-2020", StdNumber{Prefix: "GB/T", Code: "1.1", Year: "2020", Level: "national", Recommended: true}},
		{"  GB / T 1.1 ", StdNumber{Prefix: "GB/T", Code: "1.1", Level: "national", Recommended: true}},
		{"GB/T1.1—2020", StdNumber{Prefix: "GB/T", Code: "1.1", Year: "2020", Level: "national", Recommended: true}},
		{"GB/T 10001.1", StdNumber{Prefix: "GB/T", Code: "10001.1", Level: "national", Recommended: true}},
		{"GB/Z 20000.1—2002", StdNumber{Prefix: "GB/Z", Code: "20000.1", Year: "2002", Level: "national"}},
		{"DBJ 15-31-2016", StdNumber{Prefix: "DBJ15", Code: "31", Year: "2016", Level: "local", Region: "15"}},
		{"DBJ50/T-043-2016", StdNumber{Prefix: "DBJ50/T", Code: "043", Year: "2016", Level: "local", Region: "50", Recommended: true}},
		{"DBJ33/T 1008—2012", StdNumber{Prefix: "DBJ33/T", Code: "1008", Year: "2012", Level: "local", Region: "33", Recommended: true}},
		{"DBJ/T 15-171-2019", StdNumber{Prefix: "DBJ15/T", Code: "171", Year: "2019", Level: "local", Region: "15", Recommended: true}},
		{"CECS 102:2002", StdNumber{Prefix: "CECS", Code: "102", Year: "2002", Level: "group"}},
		{"CECS 28：2012", StdNumber{Prefix: "CECS", Code: "28", Year: "2012", Level: "group"}},
		{"GB 50011—2010/XG1—2016", StdNumber{Prefix: "GB", Code: "50011", Year: "2010", Level: "national", Amendment: "XG1—2016"}},
		{"JGJ 3-2010/XG1-2022", StdNumber{Prefix: "JGJ", Code: "3", Year: "2010", Level: "industry", Amendment: "XG1—2022"}},
		{"GB 2894-88", StdNumber{Prefix: "GB", Code: "2894", Year: "1988", Level: "national"}},
		{"GB 123-05", StdNumber{Prefix: "GB", Code: "123", Year: "2005", Level: "national"}},
		{"GBJ 16-87", StdNumber{Prefix: "GBJ", Code: "16", Year: "1987", Level: "national"}},
		{"GBZ 2.1—2019", StdNumber{Prefix: "GBZ", Code: "2.1", Year: "2019", Level: "national"}},
		{"JGJ 165—2010", StdNumber{Prefix: "JGJ", Code: "165", Year: "2010", Level: "industry"}},
		{"JG/T 398-2019", StdNumber{Prefix: "JG/T", Code: "398", Year: "2019", Level: "industry", Recommended: true}},
		{"cjj/t 135", StdNumber{Prefix: "CJJ/T", Code: "135", Level: "industry", Recommended: true}},
		{"JJF 1059.1—2012", StdNumber{Prefix: "JJF", Code: "1059.1", Year: "2012", Level: "industry"}},
		{"SF/T 0001", StdNumber{Prefix: "SF/T", Code: "0001", Level: "industry", Recommended: true}},
		{"DB/T 15—2009", StdNumber{Prefix: "DB/T", Code: "15", Year: "2009", Level: "industry", Recommended: true}},
		{"DB11/T 1234—2026", StdNumber{Prefix: "DB11/T", Code: "1234", Year: "2026", Level: "local", Region: "11", Recommended: true}},
		{"DB 11/T 1234-2026", StdNumber{Prefix: "DB11/T", Code: "1234", Year: "2026", Level: "local", Region: "11", Recommended: true}},
		{"DB11/ 687—2015", StdNumber{Prefix: "DB11", Code: "687", Year: "2015", Level: "local", Region: "11"}},
		{"DB11 687", StdNumber{Prefix: "DB11", Code: "687", Level: "local", Region: "11"}},
		{"db4201/t 12-2020", StdNumber{Prefix: "DB4201/T", Code: "12", Year: "2020", Level: "local", Region: "4201", Recommended: true}},
		{"DB31/ 329.1—2019", StdNumber{Prefix: "DB31", Code: "329.1", Year: "2019", Level: "local", Region: "31"}},
		{"T/CAS 290—2017", StdNumber{Prefix: "T/CAS", Code: "290", Year: "2017", Level: "group"}},
		{"t/cecs 102-2020", StdNumber{Prefix: "T/CECS", Code: "102", Year: "2020", Level: "group"}},
		{"T/ZZB290-2017", StdNumber{Prefix: "T/ZZB", Code: "290", Year: "2017", Level: "group"}},
		{"T/ABC1 290", StdNumber{Prefix: "T/ABC1", Code: "290", Level: "group"}},
		{"Q/GDW 10212.1—2016", StdNumber{Prefix: "Q/GDW", Code: "10212.1", Year: "2016", Level: "enterprise"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseNumber(tt.in)
			if err != nil {
				t.Fatalf("ParseNumber: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseNumber (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseNumberErrors(t *testing.T) {
	tests := []struct {
		in, want string // want: a part of the error message
	}{
		{"", "no prefix"},
		{"12345-2020", "no prefix"},
		{"ISO 9001", `unknown prefix "ISO"`},
		{"GBT 12345", `unknown prefix "GBT"`},
		{"GB", "no serial number after GB"},
		{"GB/T", "no serial number after GB/T"},
		{"GB/T —2020", "no serial number"},
		{"GB/X 1", "GB/ must be followed by T or Z"},
		{"GB 1234567", "longer than 6 digits"},
		{"GB 1.12345", "part number 12345"},
		{"GB 55001 2021", "the year must follow a dash"},
		{"GB 55001-", "no year after the dash"},
		{"GB 55001---2021", "too many dashes"},
		{"GB 55001-202", "must have four digits"},
		{"GB 55001-1949", "out of range"},
		{"GB 55001-2101", "out of range"},
		{"GB/T 1.1.", `unexpected "."`},
		{"GB/T 1.1—2020 标准", `unexpected " 标准" after GB/T 1.1—2020`},
		{"GB\n1", "no serial number"},
		{"DB1/T 1", "2, 4 or 6 digits"},
		{"DB99/T 1", "province code"},
		{"DB1100/T 1", "00 where the city"},
		{"DB11/Z 1", "DB11/ must be followed by T"},
		{"DB11/T", "no serial number after DB11/T"},
		{"T CAS 1", "T must be followed by /"},
		{"T/C 1", "organisation code"},
		{"T/1AB 1", "organisation code"},
		{"T/ABCDEFGHIJKLM 1", "organisation code"},
		{"T/CAS", "no serial number after T/CAS"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseNumber(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseNumber(%q) error = %v, want one containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestNormalizeNumber(t *testing.T) {
	tests := []struct {
		in, want, undated string
	}{
		{"ＧＢ／Ｔ１２３４５－２０２６", "GB/T 12345—2026", "GB/T 12345"},
		{"GB/T1.1", "GB/T 1.1", "GB/T 1.1"},
		{"gb 2894-88", "GB 2894—1988", "GB 2894"},
		{"DB11/T1234-2026", "DB11/T 1234—2026", "DB11/T 1234"},
		{"DB11 687-2015", "DB11/ 687—2015", "DB11/ 687"},
		{"T/CAS290——2017", "T/CAS 290—2017", "T/CAS 290"},
		{"JG / T 398", "JG/T 398", "JG/T 398"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := NormalizeNumber(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("NormalizeNumber = %q, %v; want %q", got, err, tt.want)
			}
			n, _ := ParseNumber(tt.in)
			if u := n.Undated(); u != tt.undated {
				t.Errorf("Undated = %q, want %q", u, tt.undated)
			}
		})
	}
}

func TestNormalizeNumberError(t *testing.T) {
	got, err := NormalizeNumber("ISO 9001")
	if err == nil || got != "" {
		t.Errorf(`NormalizeNumber("ISO 9001") = %q, %v; want "" and an error`, got, err)
	}
}

func TestValidFor(t *testing.T) {
	tests := []struct {
		number, level, region string
		want                  string // "" or a part of the error message
	}{
		{"GB/T 12345—2026", "national", "", ""},
		{"GB 55001—2021", "national", "", ""},
		{"GB/Z 1—2020", "national", "11", ""},
		{"GBJ 16-87", "national", "", "GBJ is not given to new national standards"},
		{"GB/T 12345—2026", "local", "11", "is a number for national standards, not local ones"},
		{"JGJ 3—2010", "industry", "", ""},
		{"JG/T 398", "national", "", "a national standard is numbered GB"},
		{"DB11/T 1234—2026", "local", "11", ""},
		{"DB11/T 1234—2026", "local", "110000", ""},
		{"DB11/ 687", "local", "11", ""},
		{"DB4201/T 12", "local", "4201", ""},
		{"DB4201/T 12", "local", "420100", ""},
		{"DB4201/T 12", "local", "42", "numbered for region 4201, but the standard is for region 42"},
		{"DB42/T 12", "local", "4201", "number it DB4201 or DB4201/T"},
		{"DB11/T 1", "local", "", "needs its region"},
		{"DB11/T 1", "local", "1x", "not a GB/T 2260 code"},
		{"DB/T 15", "local", "11", "is a number for industry standards"},
		{"T/CAS 290—2017", "group", "", ""},
		{"T/CAS 290—2017", "industry", "", "an industry standard is numbered"},
		{"Q/GDW 1", "group", "", "number for enterprise standards"},
		{"GB/T 1", "state", "", `unknown level "state"`},
	}
	for _, tt := range tests {
		t.Run(tt.number+" "+tt.level+" "+tt.region, func(t *testing.T) {
			n, err := ParseNumber(tt.number)
			if err != nil {
				t.Fatal(err)
			}
			err = n.ValidFor(tt.level, tt.region)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("ValidFor: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("ValidFor = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestValidForZero(t *testing.T) {
	if err := (StdNumber{}).ValidFor("national", ""); err == nil {
		t.Error("the zero StdNumber is valid for national, want an error")
	}
}

func TestFindNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []string // Text => String() of each match
	}{
		{"会场标识应符合 GB/T 10001.1 的规定。", []string{"GB/T 10001.1 => GB/T 10001.1"}},
		{"《工程结构可靠性设计统一标准》GB 50153—2008第3.2.1条", []string{"GB 50153—2008 => GB 50153—2008"}},
		{"按照GB/T 1.1—2020《标准化工作导则…》", []string{"GB/T 1.1—2020 => GB/T 1.1—2020"}},
		{"编号为GB55001—2021，自2022年", []string{"GB55001—2021 => GB 55001—2021"}},
		{"见ＧＢ／Ｔ　１２３４５－２０２６。", []string{"ＧＢ／Ｔ　１２３４５－２０２６ => GB/T 12345—2026"}},
		{"GB 50009—2012、JGJ 3—2010和DB11/T 1234", []string{
			"GB 50009—2012 => GB 50009—2012", "JGJ 3—2010 => JGJ 3—2010", "DB11/T 1234 => DB11/T 1234"}},
		{"符合T/CAS 290—2017及DB11/ 687—2015", []string{"T/CAS 290—2017 => T/CAS 290—2017", "DB11/ 687—2015 => DB11/ 687—2015"}},
		{"GB 50009-12第3条", []string{"GB 50009-12 => GB 50009—2012"}},
		{"GB 50009—1800年", []string{"GB 50009 => GB 50009"}},
		{"GB 50009 2012", []string{"GB 50009 => GB 50009"}},
		{"GB/T 19001—2016/ISO 9001:2015", []string{"GB/T 19001—2016 => GB/T 19001—2016"}},
		{"ABGB 12", nil},
		{"16GB 256GB", nil},
		{"gb/t 1.1", nil},
		{"ISO22111 EN1990", nil},
		{"CH4和SF6", nil},
		{"CH 4和SF/T 6", []string{"CH 4 => CH 4", "SF/T 6 => SF/T 6"}},
		{"DBJ14-022-2003", []string{"DBJ14-022-2003 => DBJ14 022—2003"}},
		{"按 DBJ/T 15-171-2019 和 CECS 102:2002 执行", []string{"DBJ/T 15-171-2019 => DBJ15/T 171—2019", "CECS 102:2002 => CECS 102—2002"}},
		{"GB 50011—2010/XG1—2016 第5章", []string{"GB 50011—2010/XG1—2016 => GB 50011—2010/XG1—2016"}},
		{"GB 1234567", nil},
		{"S319省道", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, m := range FindNumbers(tt.text) {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("text[%d:%d] = %q, want %q", m.Start, m.End, tt.text[m.Start:m.End], m.Text)
				}
				got = append(got, m.Text+" => "+m.Number.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("FindNumbers (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{
		"GB/T 12345—2026", "GB 55001-2021", "GB55001-2021", "GB / T 1.1", "GB/T1.1—2020",
		"ＧＢ／Ｔ１２３４５－２０２６", "ＧＢ／Ｔ　１２３４５", "gb/t 1.1", "GB 2894-88", "GB 123-05",
		"GB 55001——2021", "GB 55001 – 2021", "GB 55001―2021", "GB/Z 20000.1", "GBJ 16-87",
		"JGJ 165—2010", "JG/T 398", "CJJ/T 135-2009", "JJF 1059.1—2012", "DB/T 15—2009",
		"DB11/T 1234—2026", "DB 11/T 1234", "DB11/ 687—2015", "DB4201/T 12", "DB110101/T 1",
		"T/CAS 290—2017", "T/CAS290", "T/ABC1 290", "Q/GDW 10212.1", "ISO 9001", "GB 55001 2021",
		"T/", "DB", "GB/", "GB 1.", "GB 1-", "", " ", "《标准》GB 50153—2008第3.2.1条",
		"CH4和SF6", "T/ABC1 -2017", "DB 15", "GB 50009—1800年", "16GB 256GB", "GB/T 19001—2016/ISO 9001:2015",
		"按照GB/T 1.1—2020《标准化工作导则》", "会场标识应符合 GB/T 10001.1 的规定。",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, err := ParseNumber(s); err == nil {
			checkRoundTrip(t, n)
		}
		for _, m := range FindNumbers(s) {
			if s[m.Start:m.End] != m.Text {
				t.Fatalf("FindNumbers(%q): text[%d:%d] = %q, want %q", s, m.Start, m.End, s[m.Start:m.End], m.Text)
			}
			if n, err := ParseNumber(m.Text); err != nil || n != m.Number {
				t.Fatalf("FindNumbers(%q) found %+v in %q; ParseNumber gives %+v, %v", s, m.Number, m.Text, n, err)
			}
		}
	})
}

// checkRoundTrip checks that the canonical form of n parses back to n and
// is its own canonical form.
func checkRoundTrip(tb testing.TB, n StdNumber) {
	tb.Helper()
	s := n.String()
	again, err := ParseNumber(s)
	if err != nil {
		tb.Fatalf("ParseNumber(%q) of %+v: %v", s, n, err)
	}
	if again != n {
		tb.Fatalf("ParseNumber(%q) = %+v, want %+v", s, again, n)
	}
	if s2 := again.String(); s2 != s {
		tb.Fatalf("String not idempotent: %q then %q", s, s2)
	}
}
