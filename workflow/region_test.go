package workflow

import (
	"strings"
	"testing"
)

// The city list holds the 333 prefecture-level divisions of GB/T 2260, each
// once, each under a province of the list, none of the abolished ones.
func TestCities(t *testing.T) {
	seen := map[string]bool{}
	for _, entry := range strings.FieldsFunc(cityTable, func(r rune) bool { return r == '|' || r == '\n' }) {
		code, name, ok := strings.Cut(entry, " ")
		if !ok || len(code) != 4 || name == "" {
			t.Errorf("entry %q is not a four-digit code and a name", entry)
		}
		if seen[code] {
			t.Errorf("%s is listed twice", code)
		}
		seen[code] = true
		if _, ok := provinces[code[:2]]; !ok {
			t.Errorf("%s %s is under no province", code, name)
		}
	}
	if len(seen) != 333 || len(cities) != 333 {
		t.Errorf("%d entries, %d cities; GB/T 2260 has 333 prefecture-level divisions", len(seen), len(cities))
	}
	for code, want := range map[string]string{"4201": "武汉市", "2202": "吉林市", "4228": "恩施土家族苗族自治州", "1525": "锡林郭勒盟", "4604": "儋州市"} {
		if cities[code] != want {
			t.Errorf("%s is %q, want %q", code, cities[code], want)
		}
	}
	for _, code := range []string{"3712", "1101", "5001", "4290"} { // 莱芜 (merged 2019), municipal districts, county groups
		if _, ok := cities[code]; ok {
			t.Errorf("%s is listed", code)
		}
	}
}

func TestRegionName(t *testing.T) {
	for _, c := range []struct{ code, lang, want string }{
		{"42", "zh-CN", "湖北省"}, {"42", "en", "Hubei"},
		{"4201", "zh-CN", "湖北省武汉市"}, {"4201", "en", "Hubei, 武汉市"},
		{"420106", "zh-CN", "湖北省 420106"}, {"4299", "zh-CN", "湖北省 4299"},
		{"99", "zh-CN", "99"}, {"", "zh-CN", ""},
	} {
		if got := RegionName(c.code, c.lang); got != c.want {
			t.Errorf("RegionName(%q, %s) = %q, want %q", c.code, c.lang, got, c.want)
		}
	}
}

// Provinces groups every city under its province, in code order.
func TestProvinces(t *testing.T) {
	ps := Provinces("zh-CN")
	if len(ps) != len(provinces) {
		t.Fatalf("%d provinces", len(ps))
	}
	n := 0
	for i, p := range ps {
		if i > 0 && ps[i-1].Code >= p.Code {
			t.Errorf("%s after %s", p.Code, ps[i-1].Code)
		}
		for j, c := range p.Cities {
			if c.Code[:2] != p.Code || j > 0 && p.Cities[j-1].Code >= c.Code {
				t.Errorf("city %s under %s at %d", c.Code, p.Code, j)
			}
		}
		n += len(p.Cities)
		if p.Code == "42" && (len(p.Cities) != 13 || p.Cities[0] != (Region{"4201", "武汉市"})) {
			t.Errorf("Hubei's cities: %v", p.Cities)
		}
		if p.Code == "11" && len(p.Cities) != 0 {
			t.Errorf("Beijing has cities %v", p.Cities)
		}
	}
	if n != 333 {
		t.Errorf("%d cities grouped", n)
	}
}
