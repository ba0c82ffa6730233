using AgentWorkspace.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(SharedApp))]

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>
/// One real app (real clock, real Hangfire) shared by every test class that only adds its own
/// customers and conversations: one host start instead of one per class. A class that changes
/// what all conversations see (the SLA table, the keyword table, the template library) or counts
/// whole tables takes a <see cref="WorkspaceApp"/> of its own instead.
/// </summary>
public sealed class SharedApp : WorkspaceApp;
