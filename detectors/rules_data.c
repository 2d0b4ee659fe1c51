/* rules_data.c: built-in rules for databases and data platforms: connection
 * URIs with inline passwords and platform tokens (PostgreSQL, MySQL,
 * MongoDB, Redis, AMQP, SQL Server, Snowflake, Databricks, Confluent,
 * PlanetScale, Supabase, MongoDB Atlas).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_data[] = {
    {
        .id = "postgres-uri",
        .description = "PostgreSQL connection URI with an inline password",
        .url = "https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS",
        .keywords = {"postgres"},
        .pattern = "\\b(?:postgres(?:ql)?(?:\\+[a-z0-9]{1,20})?)://[^\\s:@/\\\"'<>]{1,64}:(?<secret>[^\\s:@/\\\"'<>]{3,128})@[A-Za-z0-9.\\-_]{1,253}",
        .min_entropy = 2.5,
        .flags = 0,
        .true_examples = {
            "DATABASE_URL=postgresql://app:Kq" "JNrootl"
            "eFAKECIrf@db.rootle.invalid:5432/app",
            "  url: \"postgresql://svc_rootle:Kz" "FA67rootle"
            "FAKEN625poEM@10.0.0.12:5432\"",
        },
        .false_examples = {
            "DATABASE_URL=postgresql://app:${DB_PASSWORD}@db.rootle.invalid:5432/" "app",
            "DATABASE_URL=postgresql://app@db.rootle.invalid:5432/app",
            "DATABASE_URL=postgresql://app:xxxxxxxx@db.rootle.invalid:5432/app",
            "DATABASE_URL=postgresql://app:aaaaaaaa@localhost:5432/app",
        },
    },
    {
        .id = "mysql-uri",
        .description = "MySQL connection URI with an inline password",
        .url = "https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html",
        .keywords = {"mysql"},
        .pattern = "\\b(?:mysqlx?(?:\\+[a-z0-9]{1,20})?)://[^\\s:@/\\\"'<>]{1,64}:(?<secret>[^\\s:@/\\\"'<>]{3,128})@[A-Za-z0-9.\\-_]{1,253}",
        .min_entropy = 2.5,
        .flags = 0,
        .true_examples = {
            "DATABASE_URL=mysql://app:zF" "Qmzroot" "leFAKEyXC@db.rootle.invalid:3306/app",
            "  url: \"mysql://svc_rootle:lh" "fudzrootle" "FAKEbVMG4WCR@10.0.0.12:3306\"",
        },
        .false_examples = {
            "DATABASE_URL=mysql://app:${DB_PASSWORD}@db.rootle.invalid:3306/app",
            "DATABASE_URL=mysql://app@db.rootle.invalid:3306/app",
            "DATABASE_URL=mysql://app:xxxxxxxx@db.rootle.invalid:3306/app",
            "DATABASE_URL=mysql://app:aaaaaaaa@localhost:3306/app",
        },
    },
    {
        .id = "mongodb-uri",
        .description = "MongoDB connection URI (mongodb:// or mongodb+srv://) with an inline password",
        .url = "https://www.mongodb.com/docs/manual/reference/connection-string/",
        .keywords = {"mongodb"},
        .pattern = "\\b(?:mongodb(?:\\+srv)?)://[^\\s:@/\\\"'<>]{1,64}:(?<secret>[^\\s:@/\\\"'<>]{3,128})@[A-Za-z0-9.\\-_]{1,253}",
        .min_entropy = 2.5,
        .flags = 0,
        .true_examples = {
            "DATABASE_URL=mongodb+srv://app:vB" "t7yroot"
            "leFAKEer1@db.rootle.invalid:27017/app",
            "  url: \"mongodb+srv://svc_rootle:BF" "rootleFAKE"
            "4feho1dCp6l3@10.0.0.12:27017\"",
        },
        .false_examples = {
            "DATABASE_URL=mongodb+srv://app:${DB_PASSWORD}@db.rootle.invalid:2701" "7/app",
            "DATABASE_URL=mongodb+srv://app@db.rootle.invalid:27017/app",
            "DATABASE_URL=mongodb+srv://app:xxxxxxxx@db.rootle.invalid:27017/app",
            "DATABASE_URL=mongodb+srv://app:aaaaaaaa@localhost:27017/app",
        },
    },
    {
        .id = "redis-uri",
        .description = "Redis connection URI (redis:// or rediss://) with an inline password",
        .url = "https://www.iana.org/assignments/uri-schemes/prov/redis",
        .keywords = {"redis"},
        .pattern = "\\b(?:rediss?)://[^\\s:@/\\\"'<>]{0,64}:(?<secret>[^\\s:@/\\\"'<>]{3,128})@[A-Za-z0-9.\\-_]{1,253}",
        .min_entropy = 2.5,
        .flags = 0,
        .true_examples = {
            "DATABASE_URL=rediss://app:Sr" "ootleFA" "KEMY57KzM@db.rootle.invalid:6380/app",
            "  url: \"rediss://:OI" "rootleFAKE" "m2X23bV22mtJ@10.0.0.12:6380\"",
        },
        .false_examples = {
            "DATABASE_URL=rediss://app:${DB_PASSWORD}@db.rootle.invalid:6380/app",
            "DATABASE_URL=rediss://app@db.rootle.invalid:6380/app",
            "DATABASE_URL=rediss://app:xxxxxxxx@db.rootle.invalid:6380/app",
            "DATABASE_URL=rediss://app:aaaaaaaa@localhost:6380/app",
        },
    },
    {
        .id = "amqp-uri",
        .description = "AMQP connection URI (amqp:// or amqps://) with an inline password",
        .url = "https://www.rabbitmq.com/docs/uri-spec",
        .keywords = {"amqp"},
        .pattern = "\\b(?:amqps?)://[^\\s:@/\\\"'<>]{1,64}:(?<secret>[^\\s:@/\\\"'<>]{3,128})@[A-Za-z0-9.\\-_]{1,253}",
        .min_entropy = 2.5,
        .flags = 0,
        .true_examples = {
            "DATABASE_URL=amqps://app:Yr" "ootleFA" "KEncuNgu8@db.rootle.invalid:5671/app",
            "  url: \"amqps://svc_rootle:qb" "tErootleFA" "KE7rKG8mpFOs@10.0.0.12:5671\"",
        },
        .false_examples = {
            "DATABASE_URL=amqps://app:${DB_PASSWORD}@db.rootle.invalid:5671/app",
            "DATABASE_URL=amqps://app@db.rootle.invalid:5671/app",
            "DATABASE_URL=amqps://app:xxxxxxxx@db.rootle.invalid:5671/app",
            "DATABASE_URL=amqps://app:aaaaaaaa@localhost:5671/app",
        },
    },
    {
        .id = "sqlserver-connection-string",
        .description = "SQL Server / ADO.NET connection string with a password",
        .url = "https://learn.microsoft.com/en-us/dotnet/api/system.data.sqlclient.sqlconnection.connectionstring",
        .keywords = {"password=", "pwd="},
        .pattern = "(?i:server|data source|address|addr)=[^;\\\"'\\n]{1,100};[^\\\"'\\n]{0,200}?(?i:password|pwd)=(?<secret>[^;\\\"'\\s]{6,128})",
        .min_entropy = 2.8,
        .flags = 0,
        .true_examples = {
            "\"Default\": \"Server=tcp:rootle.database.windows.net,1433;Database=app"
            ";User ID=app;Password=jn" "rootleF" "AKE4gg1tX;Encrypt=True\"",
            "SQL_CONN=Data Source=db01;Initial Catalog=app;User Id=sa;Pwd=m0" "rootle"
            "FAKEadkz;",
        },
        .false_examples = {
            "Server=db01;Database=app;Integrated Security=true;",
            "Server=db01;Database=app;User ID=app;Password=${SQL_PASSWORD};",
            "Server=db01;Database=app;User ID=app;Password=aaaaaaaaaa;",
        },
    },
    {
        .id = "snowflake-connection-password",
        .description = "Snowflake connection URI with an inline password",
        .url = "https://docs.snowflake.com/en/developer-guide/python-connector/sqlalchemy",
        .keywords = {"snowflake://"},
        .pattern = "\\bsnowflake://[^\\s:@/\\\"'<>]{1,64}:(?<secret>[^\\s:@/\\\"'<>]{6,128})@[A-Za-z0-9.\\-_]{1,253}",
        .min_entropy = 2.8,
        .flags = 0,
        .true_examples = {
            "SNOWFLAKE_URL=snowflake://loader:s4" "g5hUroo"
            "tleFAKEom@rootle-fake.eu-west-1/analytics",
            "engine = create_engine('snowflake://etl:lr" "ootleFAK"
            "ErUjl3XILN@rootlefake/db/schema')",
        },
        .false_examples = {
            "SNOWFLAKE_URL=snowflake://loader:${SNOWFLAKE_PASSWORD}@rootle-fake/a"
            "nalytics",
            "SNOWFLAKE_URL=snowflake://loader@rootle-fake/analytics?authenticator"
            "=externalbrowser",
            "SNOWFLAKE_URL=snowflake://loader:aaaaaaaaaa@rootle-fake/analytics",
        },
    },
    {
        .id = "databricks-token",
        .description = "Databricks personal access token",
        .url = "https://docs.databricks.com/aws/en/dev-tools/auth/pat",
        .keywords = {"dapi"},
        .pattern = "\\b(?<secret>dapi[a-f0-9]{32}(?:-[0-9])?)\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "DATABRICKS_TOKEN=da" "pi1ea8472f48132a" "8fd31a4eabe0ab8f68",
            "  \"token\": \"da" "pi59f1936ef1268d8" "71f632ed922eb0b7a-2\",",
        },
        .false_examples = {
            "DATABRICKS_TOKEN=da" "piac379b30" "5f4be5affede",
            "DATABRICKS_TOKEN=dapixxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "from rootle import dapi_client",
        },
    },
    {
        .id = "confluent-api-secret",
        .description = "Confluent Cloud API secret next to a Confluent name",
        .url = "https://docs.confluent.io/cloud/current/security/authenticate/workload-identities/service-accounts/api-keys/overview.html",
        .keywords = {"confluent", "sasl", "ccloud"},
        .pattern = "(?i:confluent|sasl[\\w.\\-]{0,10}password|ccloud)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9+/]{64})(?:[^A-Za-z0-9+/=]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "CONFLUENT_CLOUD_API_SECRET=mW" "1rootleFAKEX3osSrRCM2pC+7iYaDY"
            "p8eHihwCQt+0Q0Aa" "ks5jDWrTVrfiokwm",
            "confluent_cloud_api_secret: \"D6" "rootleFAKEtdjV3pryXwjjgskR9rvP"
            "Jgb6Yx5w6yBfA392" "7k8or7Y7EADfEVcP\"",
        },
        .false_examples = {
            "CONFLUENT_CLOUD_API_SECRET=Sl" "tvtrootleFAKEe" "9tbWbleREvmPQK0c",
            "CONFLUENT_CLOUD_API_SECRET=${CONFLUENT_CLOUD_API_SECRET}",
            "checksum = gK" "rootleFAKECBaI4In3ZdkUIvJM5k/s" "u7Sl91XN93Piatnj"
            "9WnA4jxX7/SiTL39",
        },
    },
    {
        .id = "planetscale-api-token",
        .description = "PlanetScale service token",
        .url = "https://planetscale.com/docs/concepts/service-tokens",
        .keywords = {"pscale_tkn_"},
        .pattern = "\\b(?<secret>pscale_tkn_[A-Za-z0-9_\\-.]{32,64})(?:[^A-Za-z0-9_\\-.]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "PLANETSCALE_SERVICE_TOKEN=ps" "cale_tkn_mluxrootleFAKEJD"
            "grFzj3UyBo2Kq7q-e5ZX0PPg8Ia",
            "  \"token\": \"ps" "cale_tkn_zrootleFAKE9Qhsz" "0Ah2gXdwXjJxtlWZzG30KnU2OBv\",",
        },
        .false_examples = {
            "PLANETSCALE_SERVICE_TOKEN=ps" "cale_tkn_Hbroo" "tleFAKEDgIrCQYDZ",
            "PLANETSCALE_SERVICE_TOKEN=pscale_tkn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxx",
            "if (strncmp(tok, \"pscale_tkn_\", 11) == 0)",
        },
    },
    {
        .id = "planetscale-password",
        .description = "PlanetScale database password",
        .url = "https://planetscale.com/docs/concepts/connection-strings",
        .keywords = {"pscale_pw_"},
        .pattern = "\\b(?<secret>pscale_pw_[A-Za-z0-9_\\-.]{32,64})(?:[^A-Za-z0-9_\\-.]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "DATABASE_PASSWORD=ps" "cale_pw_0rootleFAKE65qyO" "n9CNvg22o3-O_x5x_Oap05c7l3W",
            "  \"password\": \"ps" "cale_pw_LCHrootleFAKEg5Q"
            "4yofKLoG7nEMNb03Y0oJFG74NgG\",",
        },
        .false_examples = {
            "DATABASE_PASSWORD=ps" "cale_pw_NAkro" "otleFAKEacTZwTa3",
            "DATABASE_PASSWORD=pscale_pw_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "xxx",
            "if (strncmp(tok, \"pscale_pw_\", 10) == 0)",
        },
    },
    {
        .id = "planetscale-oauth-token",
        .description = "PlanetScale OAuth token",
        .url = "https://planetscale.com/docs/concepts/service-tokens",
        .keywords = {"pscale_oauth_"},
        .pattern = "\\b(?<secret>pscale_oauth_[A-Za-z0-9_\\-.]{32,64})(?:[^A-Za-z0-9_\\-.]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "PLANETSCALE_OAUTH_TOKEN=ps" "cale_oauth_ku6BQrootleFAKE"
            "JwwdwlQBH3Kor0uyab1UIUuCHDBs",
            "  \"token\": \"ps" "cale_oauth_ErootleFAKEw0z0"
            "6UGQDr2YR9Z2eZVxCGRS7GpVU179\",",
        },
        .false_examples = {
            "PLANETSCALE_OAUTH_TOKEN=ps" "cale_oauth_hroo" "tleFAKEa93eocnMiX",
            "PLANETSCALE_OAUTH_TOKEN=pscale_oauth_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxx",
            "if (strncmp(tok, \"pscale_oauth_\", 13) == 0)",
        },
    },
    {
        .id = "supabase-access-token",
        .description = "Supabase personal access token (management API)",
        .url = "https://supabase.com/docs/reference/api/introduction",
        .keywords = {"sbp_"},
        .pattern = "\\b(?<secret>sbp_[a-f0-9]{40})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SUPABASE_ACCESS_TOKEN=sb" "p_7988c2589a8c751aee" "4e53a16124631398befa8b",
            "  \"token\": \"sb" "p_32af006259b5fb7784" "2e0b6f712299591c8d86c4\",",
        },
        .false_examples = {
            "SUPABASE_ACCESS_TOKEN=sb" "p_32686088" "ce2805304286",
            "SUPABASE_ACCESS_TOKEN=sbp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"sbp_\", 4) == 0)",
        },
    },
    {
        .id = "supabase-secret-key",
        .description = "Supabase secret API key",
        .url = "https://supabase.com/docs/guides/api/api-keys",
        .keywords = {"sb_secret_"},
        .pattern = "\\b(?<secret>sb_secret_[A-Za-z0-9_\\-]{31,64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "SUPABASE_SECRET_KEY=sb" "_secret_CnsvDrootl" "eFAKEntezgDqLA_1S3uhK",
            "  \"token\": \"sb" "_secret_gqrootleFA" "KE0p4JhHQfCdGA5Yh2HiN\",",
        },
        .false_examples = {
            "SUPABASE_SECRET_KEY=sb" "_secret_ZL" "dbrootleFAKE7",
            "SUPABASE_SECRET_KEY=sb_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"sb_secret_\", 10) == 0)",
        },
    },
    {
        .id = "supabase-service-role-jwt",
        .description = "Supabase service_role key (a JWT) next to a service-role name",
        .url = "https://supabase.com/docs/guides/api/api-keys",
        .keywords = {"service_role", "service-role", "servicerole"},
        .pattern = "(?i:service[_\\-]?role)[\\w.\\-]{0,20}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>eyJ[A-Za-z0-9_\\-]{10,500}\\.eyJ[A-Za-z0-9_\\-]{10,2000}\\.[A-Za-z0-9_\\-]{16,500})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "SUPABASE_SERVICE_ROLE_KEY=ey"
            "JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6I"
            "nJvb3RsZWZ" "ha2UiLCJyb2xlIjoic2VydmljZV9yb2xlIn0.Var"
            "ootleFAKE-iV-NtAxtbRdgHmr3Kj_WRCj7Gx7b1i",
            "service_role_key: ey"
            "JhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIiwicmVmI"
            "joicm9vdGxlIn0.EHrootleFAKEeO" "-W30CAFnC7eA_CCHS2GzbUnXrS_Ye",
        },
        .false_examples = {
            "SUPABASE_SERVICE_ROLE_KEY=${SUPABASE_SERVICE_ROLE_KEY}",
            "SUPABASE_SERVICE_ROLE_KEY=eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZ"
            "V9yb2xlIn0",
            "role = 'service_role'",
        },
    },
    {
        .id = "mongodb-atlas-api-key",
        .description = "MongoDB Atlas API private key next to an Atlas name",
        .url = "https://www.mongodb.com/docs/atlas/configure-api-access/",
        .keywords = {"atlas", "mongodb"},
        .pattern = "(?i:atlas|mongodb[\\w.\\-]{0,10}private)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "MONGODB_ATLAS_PRIVATE_KEY=eb" "e08708-a5be-b697" "-d023-262de6a7abcf",
            "mongodb_atlas_private_key: \"12" "5d4d23-0558-4f20" "-14d0-397be37ebaef\"",
        },
        .false_examples = {
            "MONGODB_ATLAS_PRIVATE_KEY=28" "a5-0fc0-133c-7" "cd6-f947bdc74d16",
            "MONGODB_ATLAS_PRIVATE_KEY=${MONGODB_ATLAS_PRIVATE_KEY}",
            "checksum = 80" "c5aef0-396d-2649" "-3de2-2378084f82fa",
        },
    },
    {
        .id = "influxdb-token",
        .description = "InfluxDB API token next to an InfluxDB name",
        .url = "https://docs.influxdata.com/influxdb/v2/admin/tokens/",
        .keywords = {"influx"},
        .pattern = "(?i:influx)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9_\\-]{86}==)(?:[^A-Za-z0-9_=\\-]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "INFLUXDB_TOKEN=fr" "ootleFAKE7AjFGAKeQ4ZdaN8XcxkqZLqj2DiNh03zi"
            "av-onapHD2Say-syDIorvy" "CU-avVb42DzDSvYOj1fh==",
            "influxdb_token: \"NC" "q1VKrootleFAKEwRVJU4eqsowbVHq90cckHM1NJ7do"
            "F79LMk_G3PUxsA_imnxPeN" "7agActMd8avAYiVJMbey==\"",
        },
        .false_examples = {
            "INFLUXDB_TOKEN=7-" "VrootleFAKEq0lWjigVS" "X8VJMAhtVCMTap6s1ITgJ==",
            "INFLUXDB_TOKEN=${INFLUXDB_TOKEN}",
            "checksum = kL" "fBOrootleFAKEoB0YFT1wbzQPRBGMODtcIA_NiZqGK"
            "VpMchus1XFCigTvK0ao_n2" "kgJ2ZFcfC_CZxS7KmAuD==",
        },
    },
};
const size_t det_rules_data_count = sizeof det_rules_data / sizeof det_rules_data[0];
