package main

import (
	"context"
	"testing"

	"norma/workflow"
)

// The procedure's settings reach the workflow's rules.
func TestProcedureSettings(t *testing.T) {
	t.Setenv("NORMA_REVIEW_RULE_LOCAL", "unanimous")
	t.Setenv("NORMA_CONSULT_MIN_DAYS_LOCAL", "45")
	t.Setenv("NORMA_REQUIRE_PROPOSAL", "true")
	t.Setenv("NORMA_REQUIRE_CONSULTATION", "false")
	a, err := openApp(context.Background(), testConfig(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	c := a.svc.Config()
	if c.ReviewRule[workflow.LevelLocal] != workflow.RuleUnanimous || c.ReviewRule[workflow.LevelNational] != workflow.RuleThreeQuarters ||
		c.ConsultMinDays[workflow.LevelLocal] != 45 || c.ConsultMinDays[workflow.LevelNational] != 60 ||
		!c.RequireProposal || c.RequireConsultation {
		t.Errorf("workflow config = %+v", c)
	}
}
