import BrumeWire

extension LogsService {
    typealias Operation = @Sendable (LogsService) -> @Sendable (LogsCall) async throws -> JSONValue

    /// The operations Brume implements; the model's others answer ``LogsError/notImplemented(_:)``.
    static let operations: [String: Operation] = {
        var table: [String: Operation] = [
            "CreateLogGroup": LogsService.createLogGroup,
            "DeleteLogGroup": LogsService.deleteLogGroup,
            "DescribeLogGroups": LogsService.describeLogGroups,
            "CreateLogStream": LogsService.createLogStream,
            "DeleteLogStream": LogsService.deleteLogStream,
            "DescribeLogStreams": LogsService.describeLogStreams,
            "PutLogEvents": LogsService.putLogEvents,
            "GetLogEvents": LogsService.getLogEvents,
            "FilterLogEvents": LogsService.filterLogEvents,
            "PutRetentionPolicy": LogsService.putRetentionPolicy,
            "DeleteRetentionPolicy": LogsService.deleteRetentionPolicy,
            "TagLogGroup": LogsService.tagLogGroup,
            "UntagLogGroup": LogsService.untagLogGroup,
            "ListTagsLogGroup": LogsService.listTagsLogGroup,
            "TagResource": LogsService.tagResource,
            "UntagResource": LogsService.untagResource,
            "ListTagsForResource": LogsService.listTagsForResource,
        ]
        for name in unimplemented { table[name] = { _ in { _ in throw LogsError.notImplemented(name) } } }
        return table
    }()

    /// Operations of the CloudWatch Logs model (2014-03-28) Brume does not implement: metric and
    /// subscription filters, Logs Insights queries, StartLiveTail, exports, deliveries,
    /// policies, anomaly detection, transformers and the rest.
    static let unimplemented = [
        "AssociateKmsKey", "AssociateSourceToS3TableIntegration", "CancelExportTask", "CancelImportTask", "CreateDelivery",
        "CreateExportTask", "CreateImportTask", "CreateLogAnomalyDetector", "CreateLookupTable", "CreateScheduledQuery",
        "DeleteAccountPolicy", "DeleteDataProtectionPolicy", "DeleteDelivery", "DeleteDeliveryDestination",
        "DeleteDeliveryDestinationPolicy", "DeleteDeliverySource", "DeleteDestination", "DeleteIndexPolicy",
        "DeleteIntegration", "DeleteLogAnomalyDetector", "DeleteLookupTable", "DeleteMetricFilter", "DeleteQueryDefinition",
        "DeleteResourcePolicy", "DeleteScheduledQuery", "DeleteSubscriptionFilter", "DeleteTransformer",
        "DescribeAccountPolicies", "DescribeConfigurationTemplates", "DescribeDeliveries", "DescribeDeliveryDestinations",
        "DescribeDeliverySources", "DescribeDestinations", "DescribeExportTasks", "DescribeFieldIndexes",
        "DescribeImportTaskBatches", "DescribeImportTasks", "DescribeIndexPolicies", "DescribeLookupTables",
        "DescribeMetricFilters", "DescribeQueries", "DescribeQueryDefinitions", "DescribeResourcePolicies",
        "DescribeSubscriptionFilters", "DisassociateKmsKey", "DisassociateSourceFromS3TableIntegration",
        "GetDataProtectionPolicy", "GetDelivery", "GetDeliveryDestination", "GetDeliveryDestinationPolicy", "GetDeliverySource",
        "GetIntegration", "GetLogAnomalyDetector", "GetLogFields", "GetLogGroupFields", "GetLogObject", "GetLogRecord",
        "GetLookupTable", "GetQueryResults", "GetScheduledQuery", "GetScheduledQueryHistory", "GetTransformer",
        "ListAggregateLogGroupSummaries", "ListAnomalies", "ListIntegrations", "ListLogAnomalyDetectors", "ListLogGroups",
        "ListLogGroupsForQuery", "ListScheduledQueries", "ListSourcesForS3TableIntegration", "PutAccountPolicy",
        "PutBearerTokenAuthentication", "PutDataProtectionPolicy", "PutDeliveryDestination", "PutDeliveryDestinationPolicy",
        "PutDeliverySource", "PutDestination", "PutDestinationPolicy", "PutIndexPolicy", "PutIntegration",
        "PutLogGroupDeletionProtection", "PutMetricFilter", "PutQueryDefinition", "PutResourcePolicy", "PutSubscriptionFilter",
        "PutTransformer", "StartLiveTail", "StartQuery", "StopQuery", "TestMetricFilter", "TestTransformer", "UpdateAnomaly",
        "UpdateDeliveryConfiguration", "UpdateLogAnomalyDetector", "UpdateLookupTable", "UpdateScheduledQuery",
    ]
}
