import Testing
@testable import BrumeVTL
