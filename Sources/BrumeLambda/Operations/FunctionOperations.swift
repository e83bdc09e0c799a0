import BrumeEdge
import BrumeWire
import Foundation
import Hummingbird

/// CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, UpdateFunctionCode,
/// UpdateFunctionConfiguration and DeleteFunction.
extension LambdaService {
    @Sendable func createFunction(_ call: LambdaCall) async throws -> Response {
        let (input, zipFile) = try call.inputHoldingZipFile(at: ["Code", "ZipFile"])
        let name = try input.required("FunctionName")
        let reference = try FunctionReference(parsing: name, allowsQualifier: false)
        let role = try input.required("Role")
        guard let codeInput = try input.object("Code") else {
            throw LambdaError.validation("1 validation error detected: Value null at 'code' failed to satisfy constraint: Member must not be null")
        }
        let settings = try FunctionSettings(input)
        if let packageType = try input.string("PackageType"), packageType != "Zip" {
            throw LambdaError.invalidParameterValue("Brume runs Zip packages only; container images (PackageType Image) are not supported yet.")
        }
        guard let runtime = settings.runtime, let handler = settings.handler else {
            throw LambdaError.invalidParameterValue("Runtime and Handler are mandatory parameters for functions created with deployment packages.")
        }
        let tags = try input.stringMap("Tags") ?? [:]
        try TagRules.validate(tags)
        let artifact = try await code(from: codeInput, zipFile: zipFile, caller: call.caller)
        var record = FunctionRecord.new(name: reference.name, caller: call.caller, runtime: runtime, handler: handler, role: role, code: artifact, now: clock.now())
        try settings.apply(to: &record)
        let created = try await backend.create(record, tags: tags, publish: try input.bool("Publish") ?? false)
        // AWS answers while the function is still being created; Brume's is ready at once, and
        // says so from the next read on, as AWS does a moment later.
        var answer = created
        answer.state = .pending
        answer.stateReason = "The function is being created."
        answer.stateReasonCode = "Creating"
        return LambdaResponse.json(answer.configurationJSON, status: 201)
    }

    @Sendable func getFunction(_ call: LambdaCall) async throws -> Response {
        let (entry, record) = try await backend.resolve(try call.functionReference(), caller: call.caller, qualifier: call.query["Qualifier"])
        var object: JSONObject = ["Configuration": record.configurationJSON]
        object["Code"] = .object(["RepositoryType": .string("S3"), "Location": .string(await codeLocation(record.code))])
        if !entry.stored.tags.isEmpty { object["Tags"] = TagRules.json(entry.stored.tags) }
        if let reserved = entry.stored.reservedConcurrency {
            object["Concurrency"] = .object(["ReservedConcurrentExecutions": .int(Int64(reserved))])
        }
        return LambdaResponse.json(.object(object))
    }

    @Sendable func getFunctionConfiguration(_ call: LambdaCall) async throws -> Response {
        let (_, record) = try await backend.resolve(try call.functionReference(), caller: call.caller, qualifier: call.query["Qualifier"])
        return LambdaResponse.json(record.configurationJSON)
    }

    @Sendable func listFunctions(_ call: LambdaCall) async throws -> Response {
        let allVersions: Bool
        switch call.query["FunctionVersion"] {
        case nil: allVersions = false
        case "ALL": allVersions = true
        case let other?:
            throw LambdaError.validation("1 validation error detected: Value '\(other)' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]")
        }
        let records = await backend.list(allVersions: allVersions)
        let page = try Pagination.page(records, marker: call.query["Marker"], maxItems: call.query["MaxItems"])
        var object: JSONObject = [:]
        if let next = page.nextMarker { object["NextMarker"] = .string(next) }
        object["Functions"] = .array(page.items.map(\.configurationJSON))
        return LambdaResponse.json(.object(object))
    }

    @Sendable func deleteFunction(_ call: LambdaCall) async throws -> Response {
        let reference = try call.functionReference()
        if let qualifier = reference.qualifier ?? call.query["Qualifier"], qualifier != "$LATEST", Int(qualifier) == nil {
            throw LambdaError.invalidParameterValue("Deletion of aliases is not supported through DeleteFunction; use DeleteAlias (\(qualifier)).")
        }
        let (_, record) = try await backend.resolve(reference, caller: call.caller, qualifier: call.query["Qualifier"])
        if record.version == "$LATEST" {
            if reference.qualifier == "$LATEST" || call.query["Qualifier"] == "$LATEST" {
                throw LambdaError.invalidParameterValue("$LATEST version cannot be deleted without deleting the function.")
            }
            _ = try await backend.delete(record.name, version: nil)
            await runtime.retireInstances(of: record.name)
        } else {
            _ = try await backend.delete(record.name, version: Int(record.version))
        }
        return LambdaResponse.empty(status: 204)
    }

    @Sendable func updateFunctionCode(_ call: LambdaCall) async throws -> Response {
        let reference = try call.functionReference(allowsQualifier: false)
        _ = try await backend.resolve(reference, caller: call.caller)
        let (input, zipFile) = try call.inputHoldingZipFile(at: ["ZipFile"])
        if try input.string("ImageUri") != nil {
            throw LambdaError.invalidParameterValue("Please don't provide ImageUri when updating a function with packageType Zip.")
        }
        let artifact = try await code(from: input, zipFile: zipFile, caller: call.caller)
        let architectures = try input.stringList("Architectures")
        if try input.bool("DryRun") == true {
            var (_, preview) = try await backend.resolve(reference, caller: call.caller)
            preview.code = artifact
            return LambdaResponse.json(preview.configurationJSON)
        }
        let updated = try await backend.updateLatest(reference.name, revisionID: try input.string("RevisionId"),
                                                     publish: try input.bool("Publish") ?? false) { record throws(LambdaError) in
            record.code = artifact
            if let architectures { record.architectures = architectures }
            record.lastModified = clock.now()
        }
        await runtime.retireInstances(of: reference.name, keeping: FunctionRuntime.key(updated))
        var answer = updated
        answer.lastUpdateStatus = "InProgress"
        return LambdaResponse.json(answer.configurationJSON)
    }

    @Sendable func updateFunctionConfiguration(_ call: LambdaCall) async throws -> Response {
        let reference = try call.functionReference(allowsQualifier: false)
        _ = try await backend.resolve(reference, caller: call.caller)
        let input = try call.input()
        let settings = try FunctionSettings(input)
        let updated = try await backend.updateLatest(reference.name, revisionID: try input.string("RevisionId")) { record throws(LambdaError) in
            try settings.apply(to: &record)
            record.lastModified = clock.now()
        }
        await runtime.retireInstances(of: reference.name, keeping: FunctionRuntime.key(updated))
        var answer = updated
        answer.lastUpdateStatus = "InProgress"
        return LambdaResponse.json(answer.configurationJSON)
    }

    /// The code of CreateFunction's `Code` or UpdateFunctionCode's body: a zip inline or in S3.
    /// An inline zip the body still holds (`zipFile`, its member read as `""` in `input`) is
    /// decoded from the body straight to disk.
    func code(from input: LambdaInput, zipFile inline: InlineZipFile?, caller: Caller) async throws -> CodeArtifact {
        let zipFile = try input.string("ZipFile")
        let bucket = try input.string("S3Bucket")
        let key = try input.string("S3Key")
        if try input.string("ImageUri") != nil {
            throw LambdaError.invalidParameterValue("Brume runs Zip packages only; container images (ImageUri) are not supported yet.")
        }
        let staged: StagedPackage
        switch (zipFile, bucket, key) {
        case (let zipFile?, nil, nil):
            if let inline {
                staged = try StagedPackage.decode(inline, into: code.folder)
            } else {
                staged = try StagedPackage.decode(base64: Array(zipFile.utf8), into: code.folder)
            }
        case (nil, let bucket?, let key?):
            let bytes = try await downloadPackage(bucket: bucket, key: key, version: try input.string("S3ObjectVersion"))
            staged = try StagedPackage.write(bytes, into: code.folder)
        default:
            throw LambdaError.invalidParameterValue("Please provide a source for function code.")
        }
        return try await code.store(staged)
    }

    /// Fetches a deployment package from Brume's S3, through the edge like any client.
    private func downloadPackage(bucket: String, key: String, version: String?) async throws -> [UInt8] {
        let response = try await client.send(
            service: "s3", method: "GET", path: "/\(bucket)/\(key)", query: version.map { [("versionId", $0)] } ?? []
        )
        guard response.status == 200 else {
            // S3's own code and message, as Lambda quotes them.
            let text = String(decoding: response.body, as: UTF8.self)
            func element(_ name: String) -> String? {
                guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex) else {
                    return nil
                }
                return String(text[start.upperBound..<end.lowerBound])
            }
            throw LambdaError.invalidParameterValue(
                "Error occurred while GetObject. S3 Error Code: \(element("Code") ?? "AccessDenied"). S3 Error Message: \(element("Message") ?? "Access Denied")"
            )
        }
        return response.body
    }
}
