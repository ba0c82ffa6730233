namespace AgentWorkspace.Features.Accounts;

/// <summary>Bound from <c>Workspace:Ingest</c>: the bootstrap connector key, which holds every scope.</summary>
public sealed class ConnectorKeyOptions
{
    /// <summary>The key channel connectors send as <c>X-Api-Key</c>. Empty means only named keys open the API.</summary>
    public string ApiKey { get; set; } = "";
}
