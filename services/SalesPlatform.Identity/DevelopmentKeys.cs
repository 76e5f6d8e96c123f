using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SalesPlatform.Identity;

/// <summary>
/// Development signing and encryption keys kept as PEM files in a local data folder (outside git), so
/// tokens issued before a restart of identity still validate after it. Created on first use with
/// owner-only permissions; replicas or processes racing to create them end up with the same files.
/// Never used outside development: there a certificate is required (<see cref="IdentityServiceOptions.SigningCertificatePath"/>).
/// </summary>
public static class DevelopmentKeys
{
    /// <summary>The default folder when <see cref="IdentityServiceOptions.DevelopmentKeysDirectory"/> is not set.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
            "SalesPlatform", "identity-keys");

    /// <summary>The signing key and the encryption key in <paramref name="directory"/>, created when missing.</summary>
    public static (RsaSecurityKey Signing, RsaSecurityKey Encryption) LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        return (Load(Path.Combine(directory, "signing.pem")), Load(Path.Combine(directory, "encryption.pem")));
    }

    private static RsaSecurityKey Load(string path)
    {
        if (!File.Exists(path))
        {
            using var fresh = RSA.Create(2048);
            var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, fresh.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another process created it first: use theirs
            }
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        var keyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }
}
