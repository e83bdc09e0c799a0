import BrumeWire

extension EventsService {
    typealias Operation = @Sendable (EventsService) -> @Sendable (EventsCall) async throws -> JSONValue

    /// The operations Brume implements; the model's others answer ``EventsError/notImplemented(_:)``.
    static let operations: [String: Operation] = {
        var table: [String: Operation] = [
            "PutRule": EventsService.putRule,
            "DescribeRule": EventsService.describeRule,
            "ListRules": EventsService.listRules,
            "DeleteRule": EventsService.deleteRule,
            "EnableRule": EventsService.enableRule,
            "DisableRule": EventsService.disableRule,
            "PutTargets": EventsService.putTargets,
            "RemoveTargets": EventsService.removeTargets,
            "ListTargetsByRule": EventsService.listTargetsByRule,
            "ListRuleNamesByTarget": EventsService.listRuleNamesByTarget,
            "PutEvents": EventsService.putEvents,
            "TestEventPattern": EventsService.testEventPattern,
            "CreateEventBus": EventsService.createEventBus,
            "DescribeEventBus": EventsService.describeEventBus,
            "ListEventBuses": EventsService.listEventBuses,
            "DeleteEventBus": EventsService.deleteEventBus,
            "TagResource": EventsService.tagResource,
            "UntagResource": EventsService.untagResource,
            "ListTagsForResource": EventsService.listTagsForResource,
        ]
        for name in unimplemented { table[name] = { _ in { _ in throw EventsError.notImplemented(name) } } }
        return table
    }()

    /// Operations of the EventBridge model (2015-10-07) Brume does not implement: archives and
    /// replays, API destinations and connections, global endpoints, partner event sources,
    /// bus permissions and UpdateEventBus.
    static let unimplemented = [
        "ActivateEventSource", "CancelReplay", "CreateApiDestination", "CreateArchive", "CreateConnection", "CreateEndpoint",
        "CreatePartnerEventSource", "DeactivateEventSource", "DeauthorizeConnection", "DeleteApiDestination", "DeleteArchive",
        "DeleteConnection", "DeleteEndpoint", "DeletePartnerEventSource", "DescribeApiDestination", "DescribeArchive",
        "DescribeConnection", "DescribeEndpoint", "DescribeEventSource", "DescribePartnerEventSource", "DescribeReplay",
        "ListApiDestinations", "ListArchives", "ListConnections", "ListEndpoints", "ListEventSources", "ListPartnerEventSourceAccounts",
        "ListPartnerEventSources", "ListReplays", "PutPartnerEvents", "PutPermission", "RemovePermission", "StartReplay",
        "UpdateApiDestination", "UpdateArchive", "UpdateConnection", "UpdateEndpoint", "UpdateEventBus",
    ]
}
