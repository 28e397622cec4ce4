[assembly: AssemblyFixture(typeof(ReferralFlow.Testing.PostgresClusterFixture))]
