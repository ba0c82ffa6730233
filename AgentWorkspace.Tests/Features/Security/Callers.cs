using System.Security.Claims;
using AgentWorkspace.Features.Security;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>Principals as a signed-in circuit or request would carry them, for calling services directly.</summary>
public static class Callers
{
    public static ClaimsPrincipal User(string name, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "Test"));

    public static IDisposable As(string name, params string[] roles) => WorkspaceCaller.As(User(name, roles));
}
