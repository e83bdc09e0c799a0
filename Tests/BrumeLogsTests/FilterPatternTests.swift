import Testing
@testable import BrumeLogs

@Suite struct FilterPatternTests {
    @Test func emptyMatchesEverything() throws {
        #expect(try FilterPattern.parse("") == .all)
        #expect(try FilterPattern.parse("  \t ") == .all)
        #expect(FilterPattern.all.matches("anything"))
    }

    @Test func plainTermsMustAllAppearCaseSensitively() throws {
        let pattern = try FilterPattern.parse("ERROR ARGUMENTS")
        #expect(pattern.matches("[ERROR] bad ARGUMENTS given"))
        #expect(pattern.matches("ARGUMENTS then ERROR"))
        #expect(!pattern.matches("[ERROR] only one"))
        #expect(!pattern.matches("error arguments"))
        #expect(try FilterPattern.parse("Exception").matches("java.lang.NullPointerException"))
    }

    @Test func quotedPhrasesMatchAsOneTerm() throws {
        let pattern = try FilterPattern.parse(#""Failed to process" "id: 7""#)
        #expect(pattern.required == ["Failed to process", "id: 7"])
        #expect(pattern.matches("Failed to process record id: 7"))
        #expect(!pattern.matches("Failed to  process record id: 7"))
        #expect(try FilterPattern.parse(#""say \"hi\"""#).matches(#"they say "hi" back"#))
    }

    @Test func questionMarkTermsAreAlternatives() throws {
        let pattern = try FilterPattern.parse(#"?ERROR ?WARN ?"timed out""#)
        #expect(pattern.alternatives == ["ERROR", "WARN", "timed out"])
        #expect(pattern.matches("WARN disk"))
        #expect(pattern.matches("the task timed out"))
        #expect(!pattern.matches("INFO fine"))
    }

    @Test func minusTermsExclude() throws {
        let pattern = try FilterPattern.parse("ERROR -Exiting")
        #expect(pattern.matches("ERROR something"))
        #expect(!pattern.matches("ERROR Exiting now"))
    }

    @Test func unsupportedSyntaxIsRefused() {
        for text in [#"{ $.level = "ERROR" }"#, "[ip, user, status]", "%ERR.R%", "ERROR ?WARN", "RequestId:", "?", #""open"#, #""""#] {
            #expect(throws: LogsError.self, "\(text)") { try FilterPattern.parse(text) }
        }
    }
}
