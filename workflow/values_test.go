package workflow

import "testing"

func TestTypedValuesValid(t *testing.T) {
	for _, v := range VerdictKinds {
		if !v.Valid() {
			t.Errorf("verdict %q is not valid", v)
		}
	}
	for _, d := range Decisions {
		if !d.Valid() || DecisionLabel(d) == DecisionLabel("") {
			t.Errorf("decision %q is not valid or has no label", d)
		}
	}
	for _, bad := range []string{"", "approved", "Accept", "accepted "} {
		if VerdictKind(bad).Valid() || Decision(bad).Valid() {
			t.Errorf("%q passes as a verdict or decision", bad)
		}
	}
}
