/// Code in every highlighted language, shared by the golden and property tests.
let samples: [(String, String)] = [
("python", #"""
@dataclass
def load(path: str) -> dict:  # read it
    doc = """first
    second""" + 'x\'y'
    return {"n": 42, "ok": True, "v": None}
"""#),
("javascript", #"""
const url = `https://${host}
  /path`; // template
function f(a) { return a * 2.5 / 1e3 } /* c */
"""#),
("typescript", #"""
interface User { name: string; age?: number }
export type Id = string | Map<string, User>;
"""#),
("go", #"""
package main
func main() {
	s := `raw
line` // go raw
	var n int64 = 0xff
}
"""#),
("rust", #"""
fn longest<'a>(x: &'a str) -> &'a str { let c = 'x'; x }
/* a /* b */ c */ let r = r#"raw "quoted"
end"#;
#[derive(Debug)] struct P(u8);
"""#),
("c", #"""
#include <stdio.h> // io
int main(void) { /* start
 end */ printf("%d\n", 10); return 0; }
"""#),
("cpp", #"""
template <typename T> class Box { public: T value; };
auto p = std::make_unique<Box<int>>(); // ptr
"""#),
("shell", #"""
#!/bin/sh
for f in *.txt; do echo "$f ${HOME}" # loop
done
cat <<-'EOF' > out
	literal $x
	EOF
echo a#b $? done
"""#),
("json", #"""
{"name": "chatterm", "stars": 5, "ok": true, "tags": ["a\"b", null]}
"""#),
("yaml", #"""
---
name: chatterm # app
version: 1.2
enabled: true
script: |
  echo "hi"
  exit 0
list:
  - "quoted"
  - &anchor plain
"""#),
("sql", #"""
SELECT id, COUNT(*) FROM messages -- rows
WHERE body LIKE 'it''s' AND n > 3 /* a
b */ ORDER BY id DESC;
"""#),
("diff", #"""
diff --git a/x b/x
--- a/x
+++ b/x
@@ -1,2 +1,2 @@
-old
+new
 same
"""#),
]
