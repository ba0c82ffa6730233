namespace AgentWorkspace.Features;

/// <summary>The channels of seed 001 through which customers reach the team.</summary>
public enum Channel
{
    Phone,
    Email,
    Chat,
    Social,
    InPerson,
    SelfService,
}

public static class ChannelNames
{
    public const string Choices = "Phone, Email, Chat, Social, InPerson or SelfService";

    /// <summary>A channel by name, any case; numbers are refused (connectors send names).</summary>
    public static bool TryParse(string text, out Channel channel) =>
        Enum.TryParse(text, ignoreCase: true, out channel) && Enum.IsDefined(channel) && !int.TryParse(text, out _);

    public static string Unknown(string text) => $"Unknown channel '{text}'. Use {Choices}.";
}

/// <summary>The salutations a connector may send (seed 000 表3: *先生 / *女士).</summary>
public static class Salutations
{
    public const string Mr = "先生";
    public const string Ms = "女士";

    public static bool IsValid(string? text) => text is Mr or Ms;
}
