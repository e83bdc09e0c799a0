/// Object key rules: any UTF-8 string of 1 to 1024 bytes. Keys are data, never paths: they are
/// stored as SQLite values and never reach the file system.
enum ObjectKey {
    static let maximumLength = 1024

    static func validate(_ key: String) throws {
        if key.utf8.count > maximumLength { throw S3Error.keyTooLong }
    }
}
