extension HoodieInstant {
    /// The instant's timeline file name in `layoutVersion`: `<t>.<action>.requested`, `<t>.<action>.inflight`
    /// (a commit keeps the legacy `<t>.inflight`), and completed `<t>.<action>` (layout 1) or
    /// `<t>_<completionTime>.<action>` (layout 2).
    public static func fileName(requestedTime: String, completionTime: String?, action: Action, state: State,
                                layoutVersion: Int) -> String {
        switch state {
        case .requested: return "\(requestedTime).\(action).requested"
        case .inflight: return action == .commit ? "\(requestedTime).inflight" : "\(requestedTime).\(action).inflight"
        case .completed:
            if layoutVersion >= 2, let completionTime { return "\(requestedTime)_\(completionTime).\(action)" }
            return "\(requestedTime).\(action)"
        }
    }

    /// An instant named as `layoutVersion` names it.
    public init(requestedTime: String, completionTime: String? = nil, action: Action, state: State, layoutVersion: Int) {
        let completion = layoutVersion >= 2 && state == .completed ? completionTime : nil
        self.init(requestedTime: requestedTime, completionTime: completion, action: action, state: state,
                  fileName: HoodieInstant.fileName(requestedTime: requestedTime, completionTime: completion, action: action,
                                                   state: state, layoutVersion: layoutVersion))
    }
}
