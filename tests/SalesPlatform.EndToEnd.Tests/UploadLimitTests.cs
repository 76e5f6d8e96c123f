using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SalesPlatform.EndToEnd.Tests;

/// <summary>The gateway's body limits on a real Kestrel: ordinary requests are capped, bulk imports are not.</summary>
[Collection(PlatformCollection.Name)]
public sealed class UploadLimitTests(PlatformFixture platform)
{
    private const int ElevenMiB = 11 * 1024 * 1024;

    [Fact]
    public async Task LeadImport_LargerThanTheGeneralLimit_PassesTheGatewayAndIsStaged()
    {
        using var manager = await platform.StaffAsync("manager.jiangsu@demo");
        // Few, wide rows (a long notes column) so the file is large but the import behind it stays small.
        var notes = new string('n', 2000);
        var csv = new StringBuilder("company,contact_name,email,lawful_basis,notes\n");
        for (var i = 0; csv.Length < ElevenMiB; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"Upload Test Company {i},Contact Person {i},contact{i}@upload-{i % 97}.example,consent,{notes}\n");
        }

        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        var response = await manager.PostAsync("/api/leads/imports?fileName=upload-limit.csv", content);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task OrdinaryRequest_LargerThanTheGeneralLimit_IsRefusedWith413()
    {
        using var rep = await platform.StaffAsync("rep.east@demo");
        // 11 MiB through the gateway takes seconds; on a busy 2-core machine more than the default 30 s.
        rep.Timeout = TimeSpan.FromSeconds(120);

        var response = await rep.PostAsJsonAsync("/api/leads", new { source = "web-form", campaign = new string('x', ElevenMiB) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
