/// The AWS managed policies Brume knows, so stacks can attach the common ones
/// (`arn:aws:iam::aws:policy/…`) and the simulator can evaluate them. Others are `NoSuchEntity`,
/// as AWS answers for a policy that does not exist.
enum AWSManagedPolicies {
    struct Entry {
        let path: String
        let document: String
    }

    static let all: [String: Entry] = [
        "AdministratorAccess": Entry(path: "/", document: allow("*", "*")),
        "PowerUserAccess": Entry(path: "/", document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"}]}"#),
        "ReadOnlyAccess": Entry(path: "/", document: allow(#"["s3:Get*","s3:List*","sqs:Get*","sqs:List*","lambda:Get*","lambda:List*","logs:Get*","logs:Describe*","states:Describe*","states:List*","events:Describe*","events:List*","iam:Get*","iam:List*"]"#, "*")),
        "AmazonS3FullAccess": Entry(path: "/", document: allow(#"["s3:*","s3-object-lambda:*"]"#, "*")),
        "AmazonS3ReadOnlyAccess": Entry(path: "/", document: allow(#"["s3:Get*","s3:List*","s3:Describe*","s3-object-lambda:Get*","s3-object-lambda:List*"]"#, "*")),
        "AmazonSQSFullAccess": Entry(path: "/", document: allow(#""sqs:*""#, "*")),
        "AmazonSQSReadOnlyAccess": Entry(path: "/", document: allow(#"["sqs:GetQueueAttributes","sqs:GetQueueUrl","sqs:ListDeadLetterSourceQueues","sqs:ListQueues","sqs:ListMessageMoveTasks","sqs:ListQueueTags"]"#, "*")),
        "AWSLambda_FullAccess": Entry(path: "/", document: allow(#"["lambda:*","logs:*","states:*","iam:PassRole","iam:GetRole"]"#, "*")),
        "AWSStepFunctionsFullAccess": Entry(path: "/", document: allow(#""states:*""#, "*")),
        "CloudWatchLogsFullAccess": Entry(path: "/", document: allow(#""logs:*""#, "*")),
        "AmazonEventBridgeFullAccess": Entry(path: "/", document: allow(#""events:*""#, "*")),
        "IAMFullAccess": Entry(path: "/", document: allow(#"["iam:*","organizations:DescribeAccount","organizations:DescribeOrganization"]"#, "*")),
        "AWSLambdaBasicExecutionRole": Entry(path: "/service-role/", document: allow(#"["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"]"#, "*")),
        "AWSLambdaSQSQueueExecutionRole": Entry(path: "/service-role/", document: allow(#"["sqs:ReceiveMessage","sqs:DeleteMessage","sqs:GetQueueAttributes","logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"]"#, "*")),
        "AWSLambdaRole": Entry(path: "/service-role/", document: allow(#"["lambda:InvokeFunction"]"#, "*")),
    ]

    static func allow(_ actions: String, _ resource: String) -> String {
        let action = actions.hasPrefix("[") || actions.hasPrefix("\"") ? actions : "\"\(actions)\""
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":\#(action),"Resource":"\#(resource)"}]}"#
    }

    /// The entry an ARN names, or nil when it is not an AWS managed policy Brume knows.
    static func entry(arn: String) -> (name: String, entry: Entry)? {
        guard arn.hasPrefix("arn:aws:iam::aws:policy/") else { return nil }
        let name = String(arn.split(separator: "/").last ?? "")
        guard let entry = all[name], arn == "arn:aws:iam::aws:policy\(entry.path)\(name)" else { return nil }
        return (name, entry)
    }
}
