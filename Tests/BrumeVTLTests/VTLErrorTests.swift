import BrumeVTL
import Testing

@Suite struct VTLErrorTests {
    private func failure(_ template: String, body: String = VTLFixture.body, limits: VTLLimits = .apiGateway) -> VTLError? {
        do {
            _ = try VTLTemplate(template).render(VTLFixture.context(body: body, limits: limits).0)
            return nil
        } catch {
            return error
        }
    }

    @Test func syntaxErrorsCarryLineAndColumn() throws {
        let error = try #require(failure("line one\n  #if($a ==)x#end"))
        #expect(error.kind == .syntax)
        #expect(error.line == 2)
        #expect(error.column == 12)
    }

    @Test func unclosedBlocksAreSyntaxErrors() throws {
        #expect(failure("#if(true)x")?.kind == .syntax)
        #expect(failure("#foreach($x in [1])x")?.kind == .syntax)
        #expect(failure("x#end")?.kind == .syntax)
        #expect(failure("#else")?.kind == .syntax)
        #expect(failure("#set($x = )")?.kind == .syntax)
        #expect(failure("#set(x = 1)")?.kind == .syntax)
        #expect(failure("${a")?.kind == .syntax)
        #expect(failure("#* open")?.kind == .syntax)
        #expect(failure("#[[ open")?.kind == .syntax)
        #expect(failure("#set($s = 'open)")?.kind == .syntax)
        #expect(failure("$a.b(1,")?.kind == .syntax)
    }

    @Test func includeAndParseAreRefused() throws {
        let include = try #require(failure("a\n#include('x.vm')"))
        #expect(include.kind == .refused)
        #expect(include.line == 2 && include.column == 1)
        #expect(failure("#parse('x.vm')")?.kind == .refused)
    }

    @Test func runtimeErrorsCarryThePosition() throws {
        let error = try #require(failure("ok\n#set($s = 'abc')$s.substring(5)"))
        #expect(error.kind == .runtime)
        #expect(error.line == 2)
        #expect(error.column == 17)
        #expect(error.message.contains("StringIndexOutOfBounds"))
        #expect(failure("#set($l = [1])$l.get(3)")?.kind == .runtime)
        #expect(failure("#set($l = [1])$l[3]")?.kind == .runtime)
        #expect(failure("$util.base64Decode('!!!')")?.kind == .runtime)
        #expect(failure("$util.urlDecode('%zz')")?.kind == .runtime)
        #expect(failure("$util.parseJson('{')")?.kind == .runtime)
        #expect(failure("$input.path('no-dollar')")?.kind == .runtime)
        #expect(failure("#set($s = 'a')$s.replaceAll('(', 'x')")?.kind == .runtime)
    }

    @Test func aBodyThatIsNotJSONIsTheClientsFault() throws {
        let error = try #require(failure("$input.json('$')", body: "{not json"))
        #expect(error.kind == .invalidJSONBody)
        // The raw body and parameters still work without JSON.
        #expect(try VTLFixture.render("$input.body $input.params('id')", body: "{not json") == "{not json 7")
        // An empty body selects nothing.
        #expect(try VTLFixture.render("[$input.path('$')][$input.json('$.a')]", body: "") == "[][]")
    }

    @Test func macroRecursionStopsCleanly() throws {
        let error = try #require(failure("#macro(loop)#loop()#end#loop()"))
        #expect(error.kind == .limit)
        #expect(error.message.contains("Macros"))
    }

    @Test func aDefineThatRendersItselfStops() throws {
        #expect(failure("#define($a)$a#end$a")?.kind == .limit)
    }

    @Test func nestedLoopsRunOutOfOperations() throws {
        let error = try #require(failure("#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])x#end#end#end"))
        #expect(error.kind == .limit)
    }

    @Test func outputIsBounded() throws {
        var limits = VTLLimits.apiGateway
        limits.outputBytes = 1000
        #expect(failure("#foreach($i in [1..900])xx#end", limits: limits)?.kind == .limit)
        // Strings that double themselves hit the bound long before memory does.
        #expect(failure("#set($s = 'ab')#foreach($i in [1..60])#set($s = \"$s$s\")#end", limits: limits)?.kind == .limit)
        #expect(failure("#set($s = 'ab')#foreach($i in [1..60])#set($s = $s + $s)#end", limits: limits)?.kind == .limit)
    }

    @Test func collectionsAreBounded() throws {
        #expect(failure("#set($l = [1])#foreach($i in [1..60])#set($x = $l.addAll($l))#end")?.kind == .limit)
        #expect(failure("#set($l = [1..2147483647])")?.kind == .limit)
    }

    @Test func aListHoldingItselfRenders() throws {
        #expect(try VTLFixture.render("#set($l = [1])$l.add($l)$l") == "true[1, (this Collection)]")
        #expect(failure("#set($a = [1])#set($b = [$a])$a.add($b)$a")?.kind == .limit)
    }

    @Test func deepNestingIsRefused() throws {
        let parens = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(failure("#set($x = \(parens))")?.kind == .limit)
        let ifs = String(repeating: "#if(true)", count: 5000) + String(repeating: "#end", count: 5000)
        #expect(failure(ifs)?.kind == .limit)
        let deepJSON = String(repeating: "[", count: 100_000)
        #expect(failure("$input.json('$')", body: deepJSON)?.kind == .invalidJSONBody)
    }
}

@Suite struct VTLExtremeArgumentTests {
    @Test func extremeIndexesAndOffsetsDoNotTrap() throws {
        #expect(try VTLFixture.render("#set($s = 'abc')$s.indexOf('b', 9223372036854775807) $s.startsWith('b', 9223372036854775807) $s.lastIndexOf('c', -9223372036854775807)") == "-1 false -1")
        #expect(throws: VTLError.self) { try VTLFixture.render("$util.urlDecode('a%4')") }
        #expect(try VTLFixture.render("#set($n = 0)#foreach($i in [-9223372036854775807..9223372036854775807])#set($n = $n + 1)#end$n") == "1000")
        #expect(try VTLFixture.render("#foreach($i in [9223372036854775806..9223372036854775807])$i #end") == "9223372036854775806 9223372036854775807 ")
    }
}

@Suite struct VTLRegexTests {
    @Test func aRunawayRegularExpressionStopsCleanly() throws {
        let evil = "#set($s = '\(String(repeating: "a", count: 40))b')"
        for call in ["$s.matches('(a+)+$')", "$s.replaceAll('(a+)+$', 'x')", "$s.split('(a+)+$')", "$s.replaceFirst('(a|aa)+$', 'x')"] {
            do {
                _ = try VTLFixture.render(evil + call)
                Issue.record("\(call) rendered")
            } catch {
                #expect(error.kind == .limit, "\(call)")
            }
        }
    }

    @Test func replaceFirstAndGroups() throws {
        #expect(try VTLFixture.render("#set($s = 'a1b2')$s.replaceFirst('[0-9]', '#') $s.replaceAll('([a-z])([0-9])', '$2$1')") == "a#b2 1a2b")
        #expect(try VTLFixture.render("#set($s = 'é1é')$s.replaceAll('1', '-') $s.split('1')") == "é-é [é, é]")
    }
}

@Suite struct VTLStackTests {
    /// The deepest a template may go: nested blocks to the parser's limit inside macros nested
    /// to the evaluator's, rendered on the test's own (cooperative) thread.
    @Test func theDeepestTemplateRendersWithoutExhaustingTheStack() throws {
        let open = String(repeating: "#if(true)", count: 45)
        let close = String(repeating: "#end", count: 45)
        let deepExpression = String(repeating: "(", count: 35) + "1" + String(repeating: ")", count: 35)
        let template = "#macro(m $n)\(open)#set($x = \(deepExpression))#if($n > 0)#set($k = $n - 1)#m($k)#{else}bottom#end\(close)#end#m(19)"
        #expect(try VTLFixture.render(template) == "bottom")
        // One level more than allowed fails cleanly.
        #expect(throws: VTLError.self) { try VTLFixture.render(template.replacingOccurrences(of: "#m(19)", with: "#m(25)")) }
    }
}

@Suite struct VTLSelfRenderingTests {
    @Test func aDeeplyNestedDefineRenderingItselfStopsCleanly() throws {
        let open = String(repeating: "#if(true)", count: 95)
        let close = String(repeating: "#end", count: 95)
        let template = "#define($a)\(open)x$a\(close)#end$a"
        #expect(throws: VTLError.self) { try VTLFixture.render(template) }
        let macro = "#macro(m)\(open)#m()\(close)#end#m()"
        #expect(throws: VTLError.self) { try VTLFixture.render(macro) }
    }
}

@Suite struct VTLDeepBodyTests {
    @Test func aDeeplyNestedBodyRendersBothWays() throws {
        let body = String(repeating: "[", count: 300) + "1" + String(repeating: "]", count: 300)
        #expect(try VTLFixture.render("$input.json('$')", body: body) == body)
        #expect(try VTLFixture.render("$input.path('$')", body: body) == body)
    }
}
