import Foundation

public struct S3Credentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// Where and how to reach S3, resolved the way the AWS CLI does: environment variables first
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION`/`AWS_DEFAULT_REGION`,
/// `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL`), then the `AWS_PROFILE` (default `default`) sections of
/// `~/.aws/credentials` and `~/.aws/config` (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`).
public struct S3Config: Sendable {
    public var credentials: S3Credentials
    public var region: String
    /// `http(s)://host[:port]`; nil means AWS (`https://s3.<region>.amazonaws.com`).
    public var endpoint: String?
    /// Path-style (`host/bucket/key`) or virtual-hosted (`bucket.host/key`); path-style by default with a custom
    /// endpoint.
    public var pathStyle: Bool
    public var timeout: Double = 30
    public var maxAttempts = 6
    /// Objects above this size are sent as multipart uploads of `partSize` parts.
    public var multipartThreshold = 8 * 1024 * 1024
    public var partSize = 8 * 1024 * 1024

    public init(credentials: S3Credentials, region: String = "us-east-1", endpoint: String? = nil,
                pathStyle: Bool? = nil) {
        self.credentials = credentials
        self.region = region
        self.endpoint = endpoint
        self.pathStyle = pathStyle ?? (endpoint != nil)
    }

    /// Resolves from `environment` and the profile files; throws `.configuration` when no credentials are found.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> S3Config {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let profile = environment["AWS_PROFILE"] ?? "default"
        let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials"
        let configPath = environment["AWS_CONFIG_FILE"] ?? home + "/.aws/config"
        let credentialsFile = AWSProfileFile.load(credentialsPath)[profile] ?? [:]
        let configSection = profile == "default" ? "default" : "profile \(profile)"
        let configFile = AWSProfileFile.load(configPath)[configSection] ?? [:]
        func value(_ env: [String], _ key: String) -> String? {
            for name in env { if let v = environment[name], !v.isEmpty { return v } }
            return credentialsFile[key] ?? configFile[key]
        }
        guard let key = value(["AWS_ACCESS_KEY_ID"], "aws_access_key_id"),
              let secret = value(["AWS_SECRET_ACCESS_KEY"], "aws_secret_access_key") else {
            throw StorageError(.configuration, "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                + "or add profile '\(profile)' to \(credentialsPath)")
        }
        // A token only pairs with the key it came from: take it from the same place as the key.
        let token = environment["AWS_ACCESS_KEY_ID"].map { _ in environment["AWS_SESSION_TOKEN"] }
            ?? (credentialsFile["aws_session_token"] ?? configFile["aws_session_token"])
        var config = S3Config(
            credentials: S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token),
            region: value(["AWS_REGION", "AWS_DEFAULT_REGION"], "region") ?? "us-east-1",
            endpoint: value(["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"], "endpoint_url")
                ?? configFile["s3.endpoint_url"])
        if let style = configFile["s3.addressing_style"] { config.pathStyle = style == "path"
            || (style == "auto" && config.endpoint != nil) }
        if let endpoint = config.endpoint, !(endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://")) {
            throw StorageError(.configuration, "endpoint '\(endpoint)' must start with http:// or https://")
        }
        return config
    }
}

/// The INI-like AWS files: `[section]`, `key = value`, and indented `key = value` lines below a `s3 =` line
/// (stored as `s3.key`).
enum AWSProfileFile {
    static func load(_ path: String) -> [String: [String: String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        return parse(text)
    }

    static func parse(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var parent: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                parent = nil
                continue
            }
            guard let section = current, let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let indented = raw.first == " " || raw.first == "\t"
            if indented, let parent {
                sections[section, default: [:]]["\(parent).\(key)"] = value
            } else if value.isEmpty {
                parent = key
            } else {
                parent = nil
                sections[section, default: [:]][key] = value
            }
        }
        return sections
    }
}
