import StreamProtocol
import XCTest

/// The one rule for what a dialect cannot send without (launch and send both ask it).
final class RequiredFieldTests: XCTestCase {
    func testPremNeedsAProjectAndOpenAIAModel() {
        XCTAssertEqual(Dialect.prem.missingRequiredField(projectID: nil, model: "m"), .projectID)
        XCTAssertNil(Dialect.prem.missingRequiredField(projectID: 1, model: nil), "prem may take the project's model")
        XCTAssertEqual(Dialect.openai.missingRequiredField(projectID: 1, model: nil), .model)
        XCTAssertEqual(Dialect.openai.missingRequiredField(projectID: nil, model: ""), .model)
        XCTAssertNil(Dialect.openai.missingRequiredField(projectID: nil, model: "m"))
    }
}
