using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace AgentWorkspace.Features.Accounts;

/// <summary>A hash of a random password, verified for unknown user names so they cost what a known one does.</summary>
internal static class DummyPassword
{
    private static readonly WorkspaceUser Nobody = new() { UserName = "nobody" };
    private static string? _hash;

    public static void Verify(IPasswordHasher<WorkspaceUser> hasher, string password)
    {
        _hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}
