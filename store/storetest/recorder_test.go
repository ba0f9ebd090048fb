package storetest

import (
	"reflect"
	"testing"
)

// TestRecorderNotesEveryMethod calls each method of Store on a recorder over
// no store: a wrapped method notes its name before the call fails, a
// method that only the embedded store provides fails unnoted.
func TestRecorderNotesEveryMethod(t *testing.T) {
	seen := &calls{seen: map[string]bool{}}
	rec := reflect.ValueOf(&recorder{calls: seen})
	typ := reflect.TypeOf((*Store)(nil)).Elem()
	if typ.NumMethod() < 38 {
		t.Fatalf("Store has %d methods, fewer than the 38 it had", typ.NumMethod())
	}
	for i := range typ.NumMethod() {
		m := rec.MethodByName(typ.Method(i).Name)
		args := make([]reflect.Value, m.Type().NumIn())
		for j := range args {
			args[j] = reflect.Zero(m.Type().In(j))
		}
		func() {
			defer func() { _ = recover() }() // the nil store panics; the name is noted before
			m.Call(args)
		}()
	}
	if m := seen.missing(); len(m) > 0 {
		t.Errorf("the recorder does not note %v", m)
	}
	if m := (&calls{seen: map[string]bool{}}).missing(); len(m) != typ.NumMethod() {
		t.Errorf("with no calls, %d methods are missing, want all %d", len(m), typ.NumMethod())
	}
}
