namespace AgentWorkspace;

/// <summary>Marker for the UI strings in Resources/SharedResource*.resx (neutral = Simplified Chinese).</summary>
public sealed class SharedResource;
