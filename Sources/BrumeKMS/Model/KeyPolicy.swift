/// Key policies as KMS writes and checks them.
enum KeyPolicy {
    /// The policy CreateKey gives a key without one: the account's root, and so its IAM
    /// policies, may do everything with it.
    static func defaultPolicy(account: String) -> String {
        """
        {
          "Version" : "2012-10-17",
          "Id" : "key-default-1",
          "Statement" : [ {
            "Sid" : "Enable IAM User Permissions",
            "Effect" : "Allow",
            "Principal" : {
              "AWS" : "arn:aws:iam::\(account):root"
            },
            "Action" : "kms:*",
            "Resource" : "*"
          } ]
        }
        """
    }
}
