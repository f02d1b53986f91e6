using System.Collections.Frozen;

namespace AegisGate.A2A.Capabilities;

/// <summary>
/// The A2A capabilities and the JSON-RPC methods each one covers, for A2A v1.0 (<c>SendMessage</c>, ...) and v0.3
/// (<c>message/send</c>, ...). The <c>A2A-Capability</c> header must name the capability of the body's method.
/// </summary>
public static class A2ACapabilities
{
    /// <summary><c>SendMessage</c>, <c>message/send</c>.</summary>
    public const string SendMessage = "send_message";

    /// <summary><c>SendStreamingMessage</c>, <c>message/stream</c>.</summary>
    public const string StreamMessage = "stream_message";

    /// <summary><c>GetTask</c>, <c>tasks/get</c>.</summary>
    public const string GetTask = "get_task";

    /// <summary><c>ListTasks</c>, <c>tasks/list</c>.</summary>
    public const string ListTasks = "list_tasks";

    /// <summary><c>CancelTask</c>, <c>tasks/cancel</c>.</summary>
    public const string CancelTask = "cancel_task";

    /// <summary><c>SubscribeToTask</c>, <c>tasks/resubscribe</c>.</summary>
    public const string SubscribeTask = "subscribe_task";

    /// <summary>The push notification configuration methods (create, get, list, delete; v1.0 and v0.3 names).</summary>
    public const string PushNotificationConfig = "push_notification_config";

    /// <summary><c>GetExtendedAgentCard</c>, <c>agent/getAuthenticatedExtendedCard</c>.</summary>
    public const string GetExtendedCard = "get_extended_card";

    /// <summary>Gets the JSON-RPC method → capability mapping.</summary>
    public static FrozenDictionary<string, string> MethodToCapability { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SendMessage"] = SendMessage,
        ["message/send"] = SendMessage,
        ["SendStreamingMessage"] = StreamMessage,
        ["message/stream"] = StreamMessage,
        ["GetTask"] = GetTask,
        ["tasks/get"] = GetTask,
        ["ListTasks"] = ListTasks,
        ["tasks/list"] = ListTasks,
        ["CancelTask"] = CancelTask,
        ["tasks/cancel"] = CancelTask,
        ["SubscribeToTask"] = SubscribeTask,
        ["tasks/resubscribe"] = SubscribeTask,
        ["CreateTaskPushNotificationConfig"] = PushNotificationConfig,
        ["GetTaskPushNotificationConfig"] = PushNotificationConfig,
        ["ListTaskPushNotificationConfigs"] = PushNotificationConfig,
        ["DeleteTaskPushNotificationConfig"] = PushNotificationConfig,
        ["tasks/pushNotificationConfig/set"] = PushNotificationConfig,
        ["tasks/pushNotificationConfig/get"] = PushNotificationConfig,
        ["tasks/pushNotificationConfig/list"] = PushNotificationConfig,
        ["tasks/pushNotificationConfig/delete"] = PushNotificationConfig,
        ["GetExtendedAgentCard"] = GetExtendedCard,
        ["agent/getAuthenticatedExtendedCard"] = GetExtendedCard,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets every capability name.</summary>
    public static FrozenSet<string> All { get; } = MethodToCapability.Values.ToFrozenSet(StringComparer.Ordinal);
}
