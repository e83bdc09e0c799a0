@testable import BrumeLambda
import Testing

@Suite("Marker pagination")
struct PaginationTests {
    @Test("pages follow each other to the end and the last has no marker")
    func pages() throws {
        let items = Array(0..<7)
        var seen: [Int] = []
        var marker: String?
        repeat {
            let page = try Pagination.page(items, marker: marker, maxItems: "3")
            seen += page.items
            marker = page.nextMarker
        } while marker != nil
        #expect(seen == items)
    }

    @Test("MaxItems out of range and foreign markers are refused")
    func invalid() {
        #expect(throws: LambdaError.self) { try Pagination.page([1], marker: nil, maxItems: "0") }
        #expect(throws: LambdaError.self) { try Pagination.page([1], marker: nil, maxItems: "10001") }
        #expect(throws: LambdaError.self) { try Pagination.page([1], marker: "not-ours", maxItems: nil) }
    }
}
