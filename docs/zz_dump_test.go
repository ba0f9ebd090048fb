package docs
import ("os";"testing";"fmt";"path/filepath")
func TestZZDump(t *testing.T){
 files,_:=filepath.Glob(os.Getenv("F"))
 for _,f:=range files{ b,_:=os.ReadFile(f); for _,x:=range Lint(string(b)){ if x.Severity!="info"{fmt.Printf("%s:%d %s %s\n",filepath.Base(f),x.Line,x.Rule,x.Message)}}}
}
