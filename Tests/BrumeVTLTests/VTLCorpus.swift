/// The corpus: (template, expected output) against ``VTLFixture``'s request. Each entry says
/// which rule it proves.
enum VTLCorpus {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let template: String
        let expected: String
        var description: String { name }
    }

    static let cases: [Case] = [
        // MARK: Text, comments, escapes
        Case(name: "plain text", template: "hello world", expected: "hello world"),
        Case(name: "line comment eats its newline", template: "a ## note\nb", expected: "a b"),
        Case(name: "block comment", template: "a#* x\ny *#b", expected: "ab"),
        Case(name: "unparsed block", template: "#[[ $x #if ]]#", expected: " $x #if "),
        Case(name: "lone dollar and hash", template: "$ 5 # x $1 #1", expected: "$ 5 # x $1 #1"),
        Case(name: "escaped reference", template: #"\$name"#, expected: "$name"),
        Case(name: "escaped backslash then reference", template: #"#set($n = 1)\\$n"#, expected: #"\1"#),
        Case(name: "escaped directive", template: ##"\#if"##, expected: "#if"),
        Case(name: "backslash alone", template: #"a\b"#, expected: #"a\b"#),
        Case(name: "hash word is text", template: "#ff0000 #endpoint", expected: "#ff0000 #endpoint"),
        Case(name: "unknown macro call written as is", template: "#nope(1 2)", expected: "#nope(1 2)"),

        // MARK: References
        Case(name: "null reference renders empty (API Gateway)", template: "[$missing]", expected: "[]"),
        Case(name: "silent reference", template: "[$!missing]", expected: "[]"),
        Case(name: "braced reference", template: "#set($a = 'x')${a}y", expected: "xy"),
        Case(name: "silent braced reference", template: "[$!{missing}]", expected: "[]"),
        Case(name: "dot after reference stays text", template: "#set($a = 'x')$a. end", expected: "x. end"),
        Case(name: "property of a map", template: "$context.identity.sourceIp", expected: "1.2.3.4"),
        Case(name: "missing property of a map", template: "[$context.nope.deeper]", expected: "[]"),
        Case(name: "index into list", template: "#set($l = [1, 2, 3])$l[0]$l[2]", expected: "13"),
        Case(name: "negative index", template: "#set($l = [1, 2, 3])$l[-1]", expected: "3"),
        Case(name: "index into map", template: #"#set($m = {"k": "v"})$m["k"]$m['k']"#, expected: "vv"),
        Case(name: "index by variable", template: "#set($l = ['a','b'])#set($i = 1)$l[$i]", expected: "b"),
        Case(name: "hyphen inside a name", template: "#set($a-b = 1)$a-b", expected: "1"),
        Case(name: "hyphen before a non-name", template: "#set($a = 1)$a- $a-", expected: "1- 1-"),
        Case(name: "stage variables", template: "$stageVariables.env", expected: "dev"),
        Case(name: "method call chain", template: "$context.stage.toUpperCase().length()", expected: "4"),

        // MARK: #set
        Case(name: "set and render", template: "#set($x = 5)$x", expected: "5"),
        Case(name: "set null leaves the old value (Velocity 1.7)", template: "#set($x = 1)#set($x = $missing)$x", expected: "1"),
        Case(name: "set map key by property", template: "#set($m = {})#set($m.a = 1)$m", expected: "{a=1}"),
        Case(name: "set list element by index", template: "#set($l = [1, 2])#set($l[1] = 9)$l", expected: "[1, 9]"),
        Case(name: "set into the caller's context", template: "#set($context.responseOverride.status = 400)$context.responseOverride.status", expected: "400"),
        Case(name: "set gobbles its line", template: "a\n  #set($x = 1)\nb$x", expected: "a\nb1"),
        Case(name: "set eats the blanks before it anywhere (Velocity 1.7)", template: "a  #set($x = 1)b$x", expected: "ab1"),
        Case(name: "end eats its newline even after text (Velocity 1.7)", template: "#foreach($i in [1, 2])$i#if($foreach.hasNext),#end\n#end.", expected: "1,2."),
        Case(name: "set with interpolation", template: #"#set($n = 'Ann')#set($g = "hi $n!")$g"#, expected: "hi Ann!"),
        Case(name: "single quotes are literal", template: #"#set($n = 'Ann')#set($g = 'hi $n')$g"#, expected: "hi $n"),
        Case(name: "doubled quote inside a string", template: #"#set($s = 'it''s')$s"#, expected: "it's"),
        Case(name: "escaped double quote", template: #"#set($s = "say \"hi\"")$s"#, expected: #"say "hi""#),

        // MARK: #if
        Case(name: "if true", template: "#if(true)yes#end", expected: "yes"),
        Case(name: "if false else", template: "#if(false)yes#{else}no#end", expected: "no"),
        Case(name: "elseif chain", template: "#set($n = 2)#if($n == 1)one#elseif($n == 2)two#{else}many#end", expected: "two"),
        Case(name: "null is false", template: "#if($missing)y#{else}n#end", expected: "n"),
        Case(name: "empty string is true (Velocity 1.7)", template: "#if('')y#{else}n#end", expected: "y"),
        Case(name: "zero is true", template: "#if(0)y#{else}n#end", expected: "y"),
        Case(name: "if gobbles newlines", template: "#if(true)\nin\n#end\nout", expected: "in\nout"),
        Case(name: "braced end", template: "#if(true)a#{end}b", expected: "ab"),
        Case(name: "nested if", template: "#if(true)#if(false)x#{else}y#end#end", expected: "y"),

        Case(name: "braced directive names", template: "#{set}($x = 2)#{if}($x == 2)two#{elseif}(false)x#{else}other#{end}", expected: "two"),
        Case(name: "spaces inside and before parentheses", template: "#set ( $x = 1 )#if ( $x == 1 )y#end#foreach( $i in [ 1 .. 2 ] )$i#end", expected: "y12"),
        Case(name: "directives across lines", template: "#set($m = {\n  \"a\": 1,\n  \"b\": 2\n})$m", expected: "{a=1, b=2}"),
        Case(name: "references inside interpolation", template: "#set($l = [1, 2])#set($s = \"n=$l.size() first=$l[0] ${l}\")$s", expected: "n=2 first=1 [1, 2]"),
        Case(name: "directive inside interpolation", template: "#set($s = \"#if(true)yes#end\")$s", expected: "yes"),

        // MARK: Operators
        Case(name: "and or not", template: "#if(true && !false || false)y#end", expected: "y"),
        Case(name: "word operators", template: "#if(1 lt 2 and 2 gt 1 and 1 le 1 and 1 ge 1 and 1 eq 1 and 1 ne 2 and not false)y#end", expected: "y"),
        Case(name: "or word", template: "#if(false or true)y#end", expected: "y"),
        Case(name: "comparison", template: "#if(1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3)y#end", expected: "y"),
        Case(name: "int arithmetic", template: "#set($a = 7)$a + 1 = #set($b = $a + 1)$b, #set($c = $a * 3 - 1)$c", expected: "7 + 1 =8,20"),
        Case(name: "integer division truncates", template: "#set($d = 7 / 2)$d #set($e = -7 / 2)$e", expected: "3-3"),
        Case(name: "remainder follows the dividend", template: "#set($r = -7 % 3)$r", expected: "-1"),
        Case(name: "division by zero is null", template: "#set($d = 1)#set($d = 1 / 0)$d", expected: "1"),
        Case(name: "double arithmetic", template: "#set($d = 1.5 * 2)$d", expected: "3.0"),
        Case(name: "int plus double", template: "#set($d = 1 + 0.5)$d", expected: "1.5"),
        Case(name: "double division", template: "#set($d = 1.0 / 4)$d", expected: "0.25"),
        Case(name: "precedence", template: "#set($x = 2 + 3 * 4)$x #set($y = (2 + 3) * 4)$y", expected: "1420"),
        Case(name: "negative literal", template: "#set($x = -5)$x", expected: "-5"),
        Case(name: "negate a reference", template: "#set($a = 3)#set($x = -$a)$x", expected: "-3"),
        Case(name: "string concatenation with +", template: "#set($s = 'a' + 1)$s", expected: "a1"),
        Case(name: "long arithmetic", template: "#set($x = 2147483647 + 1)$x", expected: "2147483648"),
        Case(name: "overflow past 64 bits turns double", template: "#set($x = 9223372036854775807 + 1)$x", expected: "9.223372036854776E18"),
        Case(name: "equality of int and double", template: "#if(1 == 1.0)y#end", expected: "y"),
        Case(name: "equality across types compares text", template: "#if(1 == '1')y#end#if(true == 'true')z#end", expected: "yz"),
        Case(name: "string equality", template: "#if('a' == 'a' && 'a' != 'b')y#end", expected: "y"),
        Case(name: "null equality", template: "#if($missing == $alsoMissing)y#end#if($missing != 1)z#end", expected: "yz"),
        Case(name: "comparing strings is false (Velocity 1.7)", template: "#if('a' < 'b')y#{else}n#end", expected: "n"),
        Case(name: "list equality", template: "#if([1, 2] == [1, 2])y#end", expected: "y"),

        // MARK: Literals
        Case(name: "list literal", template: "#set($l = [1, 'two', 3.0, true])$l", expected: "[1, two, 3.0, true]"),
        Case(name: "empty list", template: "#set($l = [])$l.size()", expected: "0"),
        Case(name: "map literal keeps order", template: #"#set($m = {"b": 1, "a": [1, 2], "c": {"d": true}})$m"#, expected: "{b=1, a=[1, 2], c={d=true}}"),
        Case(name: "range", template: "#set($r = [1..4])$r", expected: "[1, 2, 3, 4]"),
        Case(name: "descending range", template: "#set($r = [3..1])$r", expected: "[3, 2, 1]"),
        Case(name: "range with references", template: "#set($a = 2)#set($b = 4)#set($r = [$a..$b])$r", expected: "[2, 3, 4]"),
        Case(name: "null in a list renders null", template: "#set($l = [1])$l.add($missing)$l", expected: "true[1, null]"),

        // MARK: Doubles as Java writes them
        Case(name: "double whole", template: "#set($d = 2.0)$d", expected: "2.0"),
        Case(name: "double large", template: "#set($d = 10000000.0)$d", expected: "1.0E7"),
        Case(name: "double small", template: "#set($d = 0.0001)$d", expected: "1.0E-4"),
        Case(name: "double ordinary", template: "#set($d = 123.456)$d", expected: "123.456"),
        Case(name: "double thousandth", template: "#set($d = 0.001)$d", expected: "0.001"),
        Case(name: "double big mantissa", template: "#set($d = 12345678.9)$d", expected: "1.23456789E7"),

        // MARK: #foreach
        Case(name: "foreach over list", template: "#foreach($x in [1, 2, 3])$x#end", expected: "123"),
        Case(name: "foreach hasNext", template: "#foreach($x in ['a', 'b', 'c'])$x#if($foreach.hasNext),#end#end", expected: "a,b,c"),
        Case(name: "foreach index and count", template: "#foreach($x in ['a', 'b'])$foreach.index:$foreach.count #end", expected: "0:1 1:2 "),
        Case(name: "foreach first and last", template: "#foreach($x in [1, 2, 3])#if($foreach.first)[#end$x#if($foreach.last)]#end#end", expected: "[123]"),
        Case(name: "velocityCount", template: "#foreach($x in ['a', 'b'])$velocityCount#end", expected: "12"),
        Case(name: "foreach over map values", template: #"#foreach($v in {"a": 1, "b": 2})$v#end"#, expected: "12"),
        Case(name: "foreach over keySet", template: #"#set($m = {"a": 1, "b": 2})#foreach($k in $m.keySet())$k=$m.get($k);#end"#, expected: "a=1;b=2;"),
        Case(name: "foreach over entrySet", template: #"#set($m = {"a": 1})#foreach($e in $m.entrySet())$e.key/$e.value $e#end"#, expected: "a/1 a=1"),
        Case(name: "foreach over null does nothing", template: "#foreach($x in $missing)x#end.", expected: "."),
        Case(name: "foreach over range", template: "#foreach($i in [1..3])$i#end", expected: "123"),
        Case(name: "foreach break", template: "#foreach($i in [1..5])#if($i == 3)#break#end$i#end", expected: "12"),
        Case(name: "break with scope", template: "#foreach($i in [1..5])#if($i == 2)#break($foreach)#end$i#end", expected: "1"),
        Case(name: "nested foreach with parent", template: "#foreach($a in [1, 2])#foreach($b in [1])$foreach.parent.index$foreach.index#end#end", expected: "0010"),
        Case(name: "loop variable restored", template: "#set($x = 'out')#foreach($x in [1])$x#end$x", expected: "1out"),
        Case(name: "foreach lines gobble", template: "#foreach($i in [1, 2])\n$i\n#end\n", expected: "1\n2\n"),
        Case(name: "foreach stops at 1000 iterations", template: "#set($n = 0)#foreach($i in [1..5000])#set($n = $n + 1)#end$n", expected: "1000"),
        Case(name: "foreach over a big list stops at 1000", template: "#set($l = [1..3000])#set($n = 0)#foreach($i in $l)#set($n = $n + 1)#end$n", expected: "1000"),

        // MARK: #stop, #macro, #define
        Case(name: "stop keeps output so far", template: "a#stop b", expected: "a"),
        Case(name: "stop inside loop", template: "#foreach($i in [1..3])$i#if($i == 2)#stop#end#end after", expected: "12"),
        Case(name: "macro with arguments", template: "#macro(greet $who $mark)Hi $who$mark#end#greet('Ann' '!') #greet('Bob', '?')", expected: "Hi Ann! Hi Bob?"),
        Case(name: "macro without arguments", template: "#macro(hr)--#end#hr()#hr()", expected: "----"),
        Case(name: "macro parameters are local", template: "#set($who = 'global')#macro(m $who)$who#end#m('local') $who", expected: "local global"),
        Case(name: "macro sets globals", template: "#macro(m)#set($g = 5)#end#m()$g", expected: "5"),
        Case(name: "macro recursion with a base case", template: "#macro(down $n)$n#if($n > 0)#set($m = $n - 1)#down($m)#end#end#down(3)", expected: "3210"),
        Case(name: "define renders lazily", template: "#define($block)v=$v#end#set($v = 1)$block #set($v = 2)$block", expected: "v=1v=2"),

        // MARK: String methods
        Case(name: "length", template: "$input.params('q').length()", expected: "9"),
        Case(name: "substring", template: "#set($s = 'abcdef')$s.substring(2) $s.substring(1, 3)", expected: "cdef bc"),
        Case(name: "indexOf", template: "#set($s = 'abcabc')$s.indexOf('c') $s.indexOf('c', 3) $s.lastIndexOf('b') $s.indexOf('z')", expected: "2 5 4 -1"),
        Case(name: "contains startsWith endsWith", template: "#set($s = 'hello')$s.contains('ell') $s.startsWith('he') $s.endsWith('lo') $s.startsWith('x')", expected: "true true true false"),
        Case(name: "case", template: "#set($s = 'MiXed')$s.toLowerCase() $s.toUpperCase()", expected: "mixed MIXED"),
        Case(name: "trim", template: "#set($s = '  pad  ')[$s.trim()]", expected: "[pad]"),
        Case(name: "replace", template: "#set($s = 'a-b-c')$s.replace('-', '+')", expected: "a+b+c"),
        Case(name: "replaceAll with regex and group", template: "#set($s = 'a1b22c')$s.replaceAll('[0-9]+', '#') $s.replaceAll('([a-z])', '<$1>')", expected: "a#b#c <a>1<b>22<c>"),
        Case(name: "split", template: "#set($s = 'a,b,,c,,')#set($p = $s.split(','))$p.size() $p", expected: "4 [a, b, , c]"),
        Case(name: "split regex", template: "#set($s = 'a1b2c')$s.split('[0-9]')", expected: "[a, b, c]"),
        Case(name: "equals and equalsIgnoreCase", template: "#set($s = 'Abc')$s.equals('Abc') $s.equals('abc') $s.equalsIgnoreCase('aBC')", expected: "true false true"),
        Case(name: "isEmpty and empty property", template: "#set($s = '')$s.isEmpty() $s.empty", expected: "true true"),
        Case(name: "matches is whole-string", template: "#set($s = 'abc123')$s.matches('[a-z]+[0-9]+') $s.matches('[a-z]+')", expected: "true false"),
        Case(name: "charAt", template: "#set($s = 'abc')$s.charAt(1)", expected: "b"),
        Case(name: "concat", template: "#set($s = 'ab')$s.concat('cd')", expected: "abcd"),
        Case(name: "UTF-16 length", template: "#set($s = 'é😀')$s.length()", expected: "3"),
        Case(name: "toString", template: "#set($n = 5)$n.toString().length()", expected: "1"),
        Case(name: "unknown method renders empty", template: "#set($s = 'a')[$s.nope()]", expected: "[]"),

        // MARK: Map methods
        Case(name: "map get put size", template: #"#set($m = {"a": 1})$m.put("b", 2)$m.get("b") $m.size() $m"#, expected: "2 2 {a=1, b=2}"),
        Case(name: "map put returns previous", template: #"#set($m = {"a": 1})$m.put("a", 5) $m.a"#, expected: "1 5"),
        Case(name: "map containsKey isEmpty", template: #"#set($m = {"a": 1})$m.containsKey("a") $m.containsKey("z") $m.isEmpty() {}.isEmpty()"#, expected: "true false false {}.isEmpty()"),
        Case(name: "map keySet values", template: #"#set($m = {"a": 1, "b": 2})$m.keySet() $m.values()"#, expected: "[a, b] [1, 2]"),
        Case(name: "map remove", template: #"#set($m = {"a": 1, "b": 2})#set($old = $m.remove("a"))$old $m"#, expected: "1 {b=2}"),
        Case(name: "map putAll", template: #"#set($m = {"a": 1})#set($n = {"b": 2})$m.putAll($n)$m"#, expected: "{a=1, b=2}"),
        Case(name: "map entrySet rendering", template: #"#set($m = {"a": 1, "b": 2})$m.entrySet()"#, expected: "[a=1, b=2]"),
        Case(name: "maps are shared references", template: "#set($a = {})#set($b = $a)$b.put('k', 1)$a", expected: "{k=1}"),

        // MARK: List methods
        Case(name: "list add get size", template: "#set($l = [])$l.add('x')$l.add('y') $l.get(1) $l.size()", expected: "truetrue y 2"),
        Case(name: "silent add", template: "#set($l = [])#set($ignored = $l.add(1))$l", expected: "[1]"),
        Case(name: "list contains indexOf", template: "#set($l = ['a', 'b'])$l.contains('b') $l.indexOf('b') $l.indexOf('z')", expected: "true 1 -1"),
        Case(name: "list isEmpty", template: "#set($l = [])$l.isEmpty() $l.empty", expected: "true true"),
        Case(name: "list remove by index and value", template: "#set($l = ['a', 'b', 'c'])$l.remove(0) $l.remove('c') $l", expected: "a true [b]"),
        Case(name: "list set", template: "#set($l = [1, 2])$l.set(0, 9) $l", expected: "1 [9, 2]"),
        Case(name: "list addAll", template: "#set($l = [1])$l.addAll([2, 3]) $l", expected: "true [1, 2, 3]"),
        Case(name: "list add at index", template: "#set($l = [1, 3])$l.add(1, 2)$l", expected: "[1, 2, 3]"),

        // MARK: $input
        Case(name: "input.json of root", template: "$input.json('$')", expected: #"{"name":"Ann","age":30,"price":1.5,"tags":["a","b"],"nested":{"x":1,"y":[1,2,3]},"items":[{"id":1,"v":"p"},{"id":2,"v":"q"}],"empty":null,"quote":"it's \"x\"/y"}"#),
        Case(name: "input.json of a field", template: "$input.json('$.name') $input.json('$.tags') $input.json('$.nested.y[1]')", expected: #""Ann" ["a","b"] 2"#),
        Case(name: "input.path of a string", template: "$input.path('$.name')", expected: "Ann"),
        Case(name: "input.path of an object renders Java's form", template: "$input.path('$.nested')", expected: "{x=1, y=[1, 2, 3]}"),
        Case(name: "input.path of the root", template: "$input.path('$').age", expected: "30"),
        Case(name: "input.path of a list", template: "$input.path('$.items').size() $input.path('$.items')[1].v", expected: "2 q"),
        Case(name: "input.path bracket notation", template: "$input.path(\"$['name']\") $input.path('$.tags[-1]')", expected: "Ann b"),
        Case(name: "input.path wildcard", template: "$input.path('$.items[*].id')", expected: "[1, 2]"),
        Case(name: "input.path deep scan", template: "$input.path('$..v')", expected: "[p, q]"),
        Case(name: "input.path slice", template: "$input.path('$.nested.y[0:2]')", expected: "[1, 2]"),
        Case(name: "input.path missing is empty", template: "[$input.path('$.nope')][$input.json('$.nope')]", expected: "[][]"),
        Case(name: "input.path of null", template: "[$input.path('$.empty')]", expected: "[]"),
        Case(name: "input.path double", template: "$input.path('$.price')", expected: "1.5"),
        Case(name: "foreach over input.path", template: "#foreach($i in $input.path('$.items'))$i.id:$i.v#if($foreach.hasNext),#end#end", expected: "1:p,2:q"),
        Case(name: "input.body", template: "$input.body.length()", expected: "161"),
        Case(name: "input.params by name searches path first", template: "$input.params('q')", expected: "from-path"),
        Case(name: "input.params then query string", template: "$input.params('page')", expected: "2"),
        Case(name: "input.params then header", template: "$input.params('X-Token') $input.params('x-token')", expected: "tok tok"),
        Case(name: "input.params missing is empty", template: "[$input.params('none')]", expected: "[]"),
        Case(name: "input.params map", template: "$input.params().path $input.params().querystring.page $input.params().header.Accept", expected: "{id=7, q=from-path} 2 application/json"),
        Case(name: "headers loop", template: ##"{#foreach($h in $input.params().header.keySet())"$h":"$util.escapeJavaScript($input.params().header.get($h))"#if($foreach.hasNext),#end#end}"##, expected: #"{"Accept":"application\/json","X-Token":"tok","page":"header-page"}"#),

        // MARK: $util
        Case(name: "escapeJavaScript escapes single quotes", template: "$util.escapeJavaScript($input.path('$.quote'))", expected: #"it\'s \"x\"\/y"#),
        Case(name: "escapeJavaScript control and non-ASCII", template: "#set($s = \"a\tb\")$util.escapeJavaScript($s) $util.escapeJavaScript('é')", expected: #"a\tb \u00E9"#),
        Case(name: "parseJson", template: #"#set($o = $util.parseJson('{"a":[1,{"b":"c"}]}'))$o.a[1].b $o"#, expected: "c {a=[1, {b=c}]}"),
        Case(name: "urlEncode is form encoding", template: "$util.urlEncode('a b&c=d/é*~')", expected: "a+b%26c%3Dd%2F%C3%A9*%7E"),
        Case(name: "urlDecode", template: "$util.urlDecode('a+b%26c%C3%A9')", expected: "a b&cé"),
        Case(name: "base64Encode", template: "$util.base64Encode('hello world')", expected: "aGVsbG8gd29ybGQ="),
        Case(name: "base64Decode", template: "$util.base64Decode('aGVsbG8gd29ybGQ=') $util.base64Decode('aGk')", expected: "hello world hi"),
        Case(name: "util of null is empty", template: "[$util.escapeJavaScript($missing)]", expected: "[]"),

        // MARK: $context
        Case(name: "context variables", template: "$context.requestId $context.stage $context.httpMethod", expected: "req-1 prod POST"),
        Case(name: "response override header", template: "#set($context.responseOverride.header.X-Custom = 'v')$context.responseOverride.header", expected: "{X-Custom=v}"),

        // MARK: Whole templates as people write them
        Case(name: "lambda non-proxy request template", template: """
            #set($allParams = $input.params())
            {
              "body" : $input.json('$'),
              "id" : "$input.params('id')",
              "stage" : "$context.stage",
              "params" : {
              #foreach($type in $allParams.keySet())
                #set($params = $allParams.get($type))
              "$type" : {
                #foreach($paramName in $params.keySet())
                "$paramName" : "$util.escapeJavaScript($params.get($paramName))"#if($foreach.hasNext),#end
                #end
              }#if($foreach.hasNext),#end
              #end
              }
            }
            """, expected: """
            {
              "body" : {"name":"Ann","age":30,"price":1.5,"tags":["a","b"],"nested":{"x":1,"y":[1,2,3]},"items":[{"id":1,"v":"p"},{"id":2,"v":"q"}],"empty":null,"quote":"it's \\"x\\"/y"},
              "id" : "7",
              "stage" : "prod",
              "params" : {
                "path" : {
                    "id" : "7",        "q" : "from-path"      },    "querystring" : {
                    "q" : "search",        "page" : "2",        "sp ace" : "a b"      },    "header" : {
                    "Accept" : "application\\/json",        "X-Token" : "tok",        "page" : "header-page"      }    }
            }
            """),
    ]
}
