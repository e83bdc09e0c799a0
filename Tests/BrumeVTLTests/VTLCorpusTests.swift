import BrumeVTL
import Testing

@Suite struct VTLCorpusTests {
    @Test(arguments: VTLCorpus.cases)
    func rendersAsAPIGateway(_ corpusCase: VTLCorpus.Case) throws {
        let output = try VTLFixture.render(corpusCase.template)
        #expect(output == corpusCase.expected, "\(corpusCase.name)")
    }
}
