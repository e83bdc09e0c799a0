import Testing
@testable import BrumeAPIGateway
