namespace SalesPlatform.AppHost;

/// <summary>Finds the repository root (the directory holding SalesPlatform.sln).</summary>
public static class RepositoryRoot
{
    /// <summary>Walks up from the working directory, then from the AppHost's own location.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SalesPlatform.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new ArgumentException("Run the AppHost from inside the SalesPlatform repository (no SalesPlatform.sln found above the working directory).");
    }
}
