import Foundation
import Testing
@testable import Storage

@Suite struct S3ConfigTests {
    static func files(credentials: String, config: String) -> [String: String] {
        let directory = temporaryDirectory()
        try? credentials.write(toFile: directory + "/credentials", atomically: true, encoding: .utf8)
        try? config.write(toFile: directory + "/config", atomically: true, encoding: .utf8)
        return ["AWS_SHARED_CREDENTIALS_FILE": directory + "/credentials", "AWS_CONFIG_FILE": directory + "/config",
                "HOME": "/nonexistent"]
    }

    @Test func environmentVariablesWin() throws {
        var env = Self.files(credentials: "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = FILESECRET\n",
                             config: "[default]\nregion = eu-west-1\n")
        env["AWS_ACCESS_KEY_ID"] = "ENVKEY"
        env["AWS_SECRET_ACCESS_KEY"] = "ENVSECRET"
        env["AWS_SESSION_TOKEN"] = "ENVTOKEN"
        env["AWS_DEFAULT_REGION"] = "ap-south-1"
        env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9000"
        env["AWS_ENDPOINT_URL_S3"] = "http://127.0.0.1:9001"
        let config = try S3Config.resolve(environment: env)
        #expect(config.credentials == S3Credentials(accessKeyID: "ENVKEY", secretAccessKey: "ENVSECRET", sessionToken: "ENVTOKEN"))
        #expect(config.region == "ap-south-1")
        #expect(config.endpoint == "http://127.0.0.1:9001")
        #expect(config.pathStyle)
        env["AWS_REGION"] = "us-west-2"
        #expect(try S3Config.resolve(environment: env).region == "us-west-2")
    }

    @Test func namedProfileFromFiles() throws {
        var env = Self.files(
            credentials: "[default]\naws_access_key_id = D\naws_secret_access_key = DS\n\n[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = DEVSECRET\naws_session_token = DEVTOKEN\n",
            config: "[default]\nregion = eu-west-1\n[profile dev]\nregion = eu-central-1\ns3 =\n  addressing_style = virtual\n  endpoint_url = https://s3.example.test\n")
        env["AWS_PROFILE"] = "dev"
        let config = try S3Config.resolve(environment: env)
        #expect(config.credentials == S3Credentials(accessKeyID: "DEVKEY", secretAccessKey: "DEVSECRET", sessionToken: "DEVTOKEN"))
        #expect(config.region == "eu-central-1")
        #expect(config.endpoint == "https://s3.example.test")
        #expect(!config.pathStyle)
        let store = try S3Store(bucket: "b", prefix: "p", config: config, transport: RecordingTransport())
        let request = store.request("GET", "k x")
        #expect(request.host == "b.s3.example.test")
        #expect(request.path == "/p/k%20x")
        #expect(request.port == 443)
    }

    @Test func defaultsToAWSVirtualHosted() throws {
        let config = try S3Config.resolve(environment: ["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S", "HOME": "/nonexistent"])
        #expect(config.region == "us-east-1")
        #expect(config.endpoint == nil)
        #expect(!config.pathStyle)
        let store = try S3Store(bucket: "bkt", config: config)
        #expect(store.host == "bkt.s3.us-east-1.amazonaws.com")
        #expect(store.scheme == "https")
    }

    @Test func missingCredentialsIsAConfigurationError() {
        #expect(errorCode { _ = try S3Config.resolve(environment: ["HOME": "/nonexistent"]) } == .configuration)
        #expect(errorCode { _ = try S3Config.resolve(environment: ["AWS_ACCESS_KEY_ID": "K", "AWS_SECRET_ACCESS_KEY": "S",
                                                                   "AWS_ENDPOINT_URL": "ftp://x", "HOME": "/nonexistent"]) } == .configuration)
    }
}

@Suite struct S3XMLTests {
    @Test func parsesErrorDocuments() throws {
        let body = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The key &lt;a&amp;b&gt; &#233;</Message><RequestId>R1</RequestId></Error>".utf8)
        let document = try S3XMLElement.parse(body)
        #expect(document.name == "Error")
        #expect(document.value("Message") == "The key <a&b> é")
        let store = try S3Store(bucket: "b", config: S3Config(credentials: S3Credentials(accessKeyID: "k", secretAccessKey: "s"),
                                                               endpoint: "http://127.0.0.1:1"), transport: RecordingTransport())
        let error = store.failure(HTTPResponse(status: 403, headers: [("x-amz-request-id", "R1")], body: Array(
            "<Error><Code>SignatureDoesNotMatch</Code><Message>bad sig</Message></Error>".utf8)), "PUT", "s3://b/k")
        #expect(error.code == .authentication)
        #expect(error.message == "S3 error SignatureDoesNotMatch on PUT s3://b/k: bad sig (request id R1)")
    }

    @Test(arguments: ["<a><b>", "<a></b></a>", "", "<a>&bogus;</a>", "<a"])
    func malformedDocumentsThrow(text: String) {
        #expect(errorCode { _ = try S3XMLElement.parse(Array(text.utf8)) } == .invalidResponse)
    }

    @Test func parsesDates() {
        #expect(S3Date.parseHTTP("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(S3Date.parseISO("1994-11-06T08:49:37.000Z") == Date(timeIntervalSince1970: 784_111_777))
    }
}
