import BrumeWire

/// Tag sets as S3 accepts them: from a `<Tagging>` document or an `x-amz-tagging` header,
/// with S3's limits (10 tags per object, 50 per bucket; keys ≤ 128 and values ≤ 256 characters;
/// no duplicate keys; no `aws:` prefix).
enum TagSet {
    static let objectLimit = 10
    static let bucketLimit = 50

    /// Parses `<Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>`.
    static func parse(_ document: XMLTree, limit: Int) throws -> [Tag] {
        guard document.name == "Tagging", let set = document.child("TagSet") else { throw S3Error.malformedXML }
        let tags = try set.children(named: "Tag").map { tag in
            guard let key = tag.child("Key")?.text, let value = tag.child("Value")?.text else { throw S3Error.malformedXML }
            return Tag(key: key, value: value)
        }
        try validate(tags, limit: limit)
        return tags
    }

    /// Parses the URL-encoded `x-amz-tagging` header (`k1=v1&k2=v2`).
    static func parse(header: String, limit: Int) throws -> [Tag] {
        let query: QueryParameters
        do {
            query = try QueryParameters(raw: header)
        } catch {
            throw S3Error.invalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.")
        }
        let tags = query.pairs.map { Tag(key: $0.name, value: $0.value) }
        try validate(tags, limit: limit)
        return tags
    }

    static func validate(_ tags: [Tag], limit: Int) throws {
        if tags.count > limit {
            throw S3Error.invalidTag(limit == objectLimit ? "Object tags cannot be greater than 10" : "Bucket tag count cannot be greater than 50")
        }
        var seen: Set<String> = []
        for tag in tags {
            guard seen.insert(tag.key).inserted else {
                throw S3Error.invalidTag("Cannot provide multiple Tags with the same key")
            }
            guard !tag.key.isEmpty, tag.key.count <= 128 else { throw S3Error.invalidTag("The TagKey you have provided is invalid") }
            guard tag.value.count <= 256 else { throw S3Error.invalidTag("The TagValue you have provided is invalid") }
            if tag.key.hasPrefix("aws:") {
                throw S3Error.invalidTag("Your TagKey cannot be prefixed with aws:")
            }
        }
    }

    /// Writes `<Tagging><TagSet>...` for a GET.
    static func document(_ tags: [Tag]) -> XMLWriter {
        S3Response.document("Tagging") { xml in
            xml.element("TagSet") { xml in
                for tag in tags {
                    xml.element("Tag") { xml in
                        xml.element("Key", tag.key)
                        xml.element("Value", tag.value)
                    }
                }
            }
        }
    }
}
