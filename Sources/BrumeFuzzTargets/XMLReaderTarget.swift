import BrumeWire
import Foundation

/// The XML reader of S3 request bodies (`<Delete>`, `<CompleteMultipartUpload>`, `<Tagging>`, ...).
enum XMLReaderTarget {
    static let summary = "XMLTree.parse on the whole input, then a walk of the tree"

    static func run(_ data: [UInt8]) {
        guard let tree = try? XMLTree.parse(Data(data)) else { return }
        var pending = [tree]
        while let element = pending.popLast() {
            _ = element.child(element.name)
            pending.append(contentsOf: element.children)
        }
    }
}
