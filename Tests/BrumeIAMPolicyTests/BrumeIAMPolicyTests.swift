import Testing
@testable import BrumeIAMPolicy
