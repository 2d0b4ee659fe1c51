/* rules_cloud.c: built-in rules for cloud providers and hosting platforms
 * (AWS, Google Cloud, Azure, DigitalOcean, Alibaba, IBM, Oracle, Heroku,
 * Cloudflare, Fastly, Linode, Scaleway, Vultr, Hetzner).
 *
 * Every credential in the examples below is fake: it contains "rootle",
 * "ROOTLE", "FAKE" or "fake" where the format's alphabet allows, and is
 * random-looking hex or digits where it does not. Each example is split
 * across adjacent string literals so that scanning rootle's own source finds
 * nothing. See docs/catalogue.md for how to add a rule.
 */
#include "detectors/det_catalogue_parts.h"

const det_rule_def det_rules_cloud[] = {
    {
        .id = "aws-access-key-id",
        .description = "AWS access key ID (long-term AKIA, temporary ASIA, ABIA, ACCA)",
        .url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
        .keywords = {"akia", "asia", "abia", "acca"},
        .pattern = "\\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .pair_with = "aws-secret-access-key",
        .true_examples = {
            "AWS_ACCESS_KEY_ID=AK" "IAIEQHRO" "OTLEFAKE74",
            "aws_access_key_id = AS" "IAYNG7RO" "OTLEFAKEBY",
            "  \"AccessKeyId\": \"AK" "IAAROOTL" "EFAKE4ROGU\",",
        },
        .false_examples = {
            "AWS_ACCESS_KEY_ID=AK" "IABROO" "TLEBAYN3  # too short",
            "key = 'AKIA' + random_suffix(16)",
            "id: AK" "IBO4ROOT" "LEFAKE7OWO",
            "AWS_ACCESS_KEY_ID=AKIAAAAAAAAAAAAAAAAA",
        },
    },
    {
        .id = "aws-secret-access-key",
        .description = "AWS secret access key next to an AWS key name",
        .url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds-programmatic-access.html",
        .keywords = {"aws"},
        .pattern = "(?i:aws)[\\w.\\-]{0,20}(?i:secret)[\\w.\\-]{0,20}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "aws_secret_access_key = 6l" "C1MXrootleFAKElPq2" "Ymk/yE9fz1WuvL4NUyv+",
            "AWS_SECRET_ACCESS_KEY=\"Dr" "ootleFAKE8FnyVVdBZ" "dzst6iAxQa2H9uZ0+t1s\"",
            "  \"awsSecretKey\": \"q6" "DdrootleFAKEWXLgEJ" "KC5BjfiOXslIVUgVil6p\",",
        },
        .false_examples = {
            "aws_secret_access_key = 8O" "DnrootleFAKEx" "r1YhNga3CcCySEU",
            "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}",
            "aws_secret_access_key = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "secret_key = 2c" "5rootleFAKEcDyp2Hm" "QbGnJJnmU1gQBEb6VEwZ",
        },
    },
    {
        .id = "google-api-key",
        .description = "Google API key (Maps, Firebase, Gemini and other Google Cloud APIs)",
        .url = "https://cloud.google.com/docs/authentication/api-keys",
        .keywords = {"aiza"},
        .pattern = "\\b(?<secret>AIza[0-9A-Za-z_\\-]{35})(?:[^0-9A-Za-z_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GOOGLE_API_KEY=AI" "zaMa3Y_NrootleFAK" "Exl_CpzkCUZpRr2biMws",
            "  apiKey: \"AI" "za-eIFrootleFAKEK" "RVVbiqgvrrOle-RNpF0J\",",
        },
        .false_examples = {
            "GOOGLE_API_KEY=AI" "zaSQrrootl" "eFAKEOwJcKiu",
            "key=AI" "zbO6jNFrootleFAKE" "lBBL0OFYe1UO5VeUN3wl",
            "const KEY_PREFIX = 'AIza';",
        },
    },
    {
        .id = "aws-session-token",
        .description = "AWS temporary session token next to an AWS key name",
        .url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
        .keywords = {"aws"},
        .pattern = "(?i:aws)[\\w.\\-]{0,20}(?i:session|security)[\\w.\\-]{0,20}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9/+=]{100,2000})(?:[^A-Za-z0-9/+=]|$)",
        .min_entropy = 4.5,
        .flags = 0,
        .true_examples = {
            "aws_session_token = IQ"
            "oJb3JpZ2luX2VjEgrootleFAKE9oMaoFDBlo5yozIIo6Ogb8thXanZfuKjL5LrdxnFpX"
            "omfqMLfcCfzJiJJCBlt/8TMpJWWTSonNlQaSEoaWm3UGfgI53g46ByrVh+D1CHtRQRhj"
            "yzWLd+AWo4ceo/9c0rjc"
            "GJvUanmmvV7KPwWTg2bG/ysxVFLgMiKRK4ew3yVp4Q+bP30PljfwAY4CDfhaWkSZing5"
            "Vt+1PaxakND"
            "PBlRJvn3tpAP45snzr/OwwaAjZ70nV5ZuAx2zrI/flC0TyiWJBsh0mT7h+V7FiM2ItI4"
            "CVULzjmaaeqi",
            "AWS_SESSION_TOKEN=\"Fw"
            "oGZXIvYXdzEJvrootleFAKE7GVmitdyzW9hqchfDzo3fiYJV4Sh6URR4unzeOanINdyp"
            "/MXFHCbE/4rjPWMczd/5wVdek7xb5hq/ObKF"
            "BA9oxkZzUTDBxSHwgQK7mBEHQFjP3LYD/QjY5xqihffHWs2Ht0Z2I"
            "iJgWMTHa2FGL8vMoFQE4Qy5DiLgpKmExHhoQhwOmM2faqry9NQ5DlU\"",
        },
        .false_examples = {
            "aws_session_token = vr" "ootleFAKExpM0sQIFmo1motipBPT" "oppI5j96uwKHRG+"
            "gfruvzn7rVDSgcR",
            "AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN}",
            "session = IQ"
            "oJb3JpZ2luX2VjEX0GMirootleFAKENahIKJbW3Cv+kcZ/e25uY9Jg0ZBw+Jz2Ft6AYm"
            "APmok00n5mQ4RUgB2Ev1zkCLLAxi7iv9rx6O9tS1SCWhvQk0hk1j3q+b+z2LIQaTdDNg"
            "T9MzXAL2Gb2sGN1PhjW9"
            "GbLxP5l/yO9NTxZVg1k/br+NBsiH4mMdjif0SQgY0HT0ij9ni+b/v8erWX5THpRbo/9q"
            "PQRgcLGWOcZ"
            "n2pACncKcjriwCPqsROgSFsJLNmofiGuDKRzveMqjBpOtQizL81ymcmRGOWeb3jCgih8"
            "QzNvIuDn5QTJ",
        },
    },
    {
        .id = "gcp-service-account",
        .description = "Google Cloud service account key file (JSON with a private key)",
        .url = "https://cloud.google.com/iam/docs/keys-create-delete",
        .keywords = {"service_account"},
        .pattern = "\\\"type\\\"\\s{0,5}:\\s{0,5}\\\"service_account\\\"[\\s\\S]{0,2000}?\\\"private_key\\\"\\s{0,5}:\\s{0,5}\\\"(?<secret>-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\\\\\s]{64,8192}-----END PRIVATE KEY-----(?:\\\\n)?)\\\"",
        .min_entropy = 4.0,
        .flags = DET_MULTILINE,
        .true_examples = {
            "{\n  \"type\": \"service_account\",\n" "  \"project_id\": \"rootle-fake\",\n"
            "  \"private_key_id\": \"0dd5ec2e7f1a\",\n" "  \"private_key\": \"--"
            "---BEGIN PRIVATE KEY-----\\nSb9qrootleFAKEulUTw4zPSilBBQwM6D32jv0z7GM"
            "8EAFORtit8feNtUOFo2sgH3\\nwtlrrootleFAKE4eSHrO"
            "W+rPC9axWydMfqqf78v/Y34zP+iQTBw1NDJX6wkTTNgC\\nyrootleFAKE"
            "dyAf2UWreJUWwCb2eFYJfy7PGxLM9\\n-----END PRIVATE KEY-----\\n\",\n"
            "  \"client_email\": \"ci@rootle-fake.iam.gserviceaccount.com\"\n" "}",
            "{\"type\":\"service_account\",\"private_key\":\"--"
            "---BEGIN PRIVATE KEY-----\\neBCnrootleFAKE7j1VRo51VyxZ/juThjWKurShggs"
            "xj7BTQgcZJZ2eR6yZKJTHD" "z\\n1RQrootleFAKEJewRkZytWcmSs+lLma7ClNv4gHGoUQ"
            "NO3fayPbxRgAPZw9d\\n-----END PRIVATE KEY-----\\n\"}",
        },
        .false_examples = {
            "{\"type\": \"service_account\", \"private_key\": \"\"}",
            "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY--"
            "---\\n...\\n-----END PRIVATE KEY-----\\n\"}",
            "{\"type\": \"authorized_user\", \"client_id\": \"rootle.apps.googleusercont"
            "ent.com\"}",
        },
    },
    {
        .id = "google-oauth-client-secret",
        .description = "Google OAuth client secret",
        .url = "https://developers.google.com/identity/protocols/oauth2",
        .keywords = {"gocspx-"},
        .pattern = "\\b(?<secret>GOCSPX\\-[A-Za-z0-9_\\-]{28})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GOOGLE_CLIENT_SECRET=GO" "CSPX-EVd0j1root" "leFAKEzi_MQXC6F-by",
            "  \"client_secret\": \"GO" "CSPX-rfMJrootle" "FAKEF24YWYxuZduIrG\",",
        },
        .false_examples = {
            "GOOGLE_CLIENT_SECRET=GO" "CSPX-FWr" "ootleFAKESk",
            "GOOGLE_CLIENT_SECRET=GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"GOCSPX-\", 7) == 0)",
        },
    },
    {
        .id = "google-oauth-access-token",
        .description = "Google OAuth 2.0 access token",
        .url = "https://developers.google.com/identity/protocols/oauth2",
        .keywords = {"ya29."},
        .pattern = "\\b(?<secret>ya29\\.[A-Za-z0-9_\\-]{100,2000})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "GOOGLE_ACCESS_TOKEN=ya"
            "29.FIyrootleFAKELzmyit8G9C2moTjIu1yDOEBMqrvEvJ-K5qAUpubSSNzo"
            "1urhvEIfhykKJVi0KQkheaMj9GmaJor" "lRE4uEDo1UF2XZdOQPi6ZHu6qtcBB-EV",
            "  \"access_token\": \"ya"
            "29.FBdKrootleFAKEWEZa4kf-vpyJYXYm28uC-CN3rrJ1Y_958VimyhgnBF6"
            "6td4a8qSx3GOtBgGnwBprnGaKqPIQl0" "rdDXumlw17JZ0dFecfywaTmuAn4_VSDv\",",
        },
        .false_examples = {
            "GOOGLE_ACCESS_TOKEN=ya" "29.rrootleFAKE-oOlj2BnL-Och3vd" "GNUQlGIbAH2CIHBE"
            "rqCBb8ZilgdXayHe5",
            "GOOGLE_ACCESS_TOKEN=ya29.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxx",
            "if (strncmp(tok, \"ya29.\", 5) == 0)",
        },
    },
    {
        .id = "google-oauth-refresh-token",
        .description = "Google OAuth 2.0 refresh token",
        .url = "https://developers.google.com/identity/protocols/oauth2",
        .keywords = {"1//0"},
        .pattern = "(?:^|[^A-Za-z0-9/])(?<secret>1//0[A-Za-z0-9_\\-]{40,300})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "refresh_token=1/" "/0qp0rootleFAKEPCXLXbcWmMHoSI4TdFksHL4ZdXPHZGOLck"
            "g2fEgYpst6wxL2f-rWOeJ3jmqv" "06utoy8CvQmVmQTV6TRUKgetoV",
            "  \"refresh_token\": \"1/" "/08nJ2rootleFAKETt5NToIX9EFYtu" "tvrPXwEiaHfmpzfu"
            "GdlAZMRcviSUdJn3\",",
        },
        .false_examples = {
            "refresh_token=1/" "/08Xrootle" "FAKEtZ3JjadS",
            "path = '1//0ab'",
            "url: https://rootle.invalid/1/" "/0aCUrootleFAKE-uXGuKebL4ZrVCb"
            "o9EGu_sR-IonoL9r" "1JhIpCXpcohgn-1B",
        },
    },
    {
        .id = "firebase-cloud-messaging-server-key",
        .description = "Firebase Cloud Messaging legacy server key",
        .url = "https://firebase.google.com/docs/cloud-messaging/auth-server",
        .keywords = {"apa91b"},
        .pattern = "\\b(?<secret>AAAA[A-Za-z0-9_\\-]{7}:APA91b[A-Za-z0-9_\\-]{134})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "FCM_SERVER_KEY=AA"
            "AAUlGO33b:APA91bjt_rootleFAKEkgWpStMytYy5T9fEfKJE89pV_yBx5VvGvt4emL4" "tYUR4F"
            "urW-9BdH4Uaz7PohRVqQXnd276nVnakTArP2wW"
            "454uaGKNMxR4yX85EY5-xlsWiXDHId5o4qNxG7",
            "Authorization: key=AA"
            "AA07qMVz2:APA91b9TorootleFAKESsRYcb6TNN2G6TvpjyBx-5mmxolWM-X5T6NPoo_" "ro7p-y"
            "bVeZfGpHq1Dsuu0akcoyxWBxscdIoxalM3AsL0"
            "TOWrSw3pjaYUVUSP4Q3RqoRCtWce_-ELR8SauR",
        },
        .false_examples = {
            "FCM_SERVER_KEY=AA" "AAsIx8D7Z:APA91berootleFAKE"
            "aAmFiYJNOzqN59jS3vsx03vaZISee",
            "registration ids start with APA91b",
            "FCM_SERVER_KEY=BB"
            "BBey64MGW:APA91bAF3j1rootleFAKEQev1rG6QuHsPfP3TCuQTkD8D9I3L8MQy0ew9o" "4OIavN"
            "MtNZOLA3eLn-H2myFDj94cip94HiW46lXpy0y9"
            "cnCIS_OuhnmRNR6E58pvQBZiI7kBiCzOMp5L_r",
        },
    },
    {
        .id = "azure-storage-connection-string",
        .description = "Azure Storage connection string with an account key",
        .url = "https://learn.microsoft.com/en-us/azure/storage/common/storage-configure-connection-string",
        .keywords = {"accountkey="},
        .pattern = "(?i:AccountName)=[A-Za-z0-9]{3,24};\\s{0,3}(?i:AccountKey)=(?<secret>[A-Za-z0-9+/]{86}==)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;Accou"
            "ntName=rootlefake;AccountKey=FY" "VHrootleFAKEOFPnZUTdbLt3iRkfIhHC3k823IXbE2"
            "1ttSWcdHuI5pbcgTwN9A8n"
            "hlaQwEw6DQd/Ml3ZqMff==;EndpointSuffix=core.windows.net",
            "\"ConnectionStrings\": {\"Blob\": \"AccountName=rootledata;AccountKey=OW"
            "/t3zrootleFAKE1DzS2QHlx3MZi92hNpThDMv6hMkR" "K0wD9Qy+dDwH0KfF6KlFsF"
            "IJFntnL8tpVtfpdfbnnp==\"}",
        },
        .false_examples = {
            "AccountName=devstoreaccount1;AccountKey=${STORAGE_KEY}",
            "AccountName=rootlefake;AccountKey=mr" "ootleFAKEA9gdSeUKhz"
            "ZRVJoxbUE5bzOncl5rK==",
            "AccountName=rootlefake;AccountKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
        },
    },
    {
        .id = "azure-sas-token",
        .description = "Azure shared access signature in a URL",
        .url = "https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview",
        .keywords = {"sig="},
        .pattern = "[?&]se=[0-9A-Za-z%:.\\-]{8,40}&(?:[A-Za-z]{2,6}=[^\\s&\\\"'<>]{1,80}&){0,12}sig=(?<secret>[A-Za-z0-9%+/]{40,120}(?:%3D|=){0,2})",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "https://rootlefake.blob.core.windows.net/backups/db.bak?sv=2022-11-0"
            "2&se=2031-01-01T00%3A00%3A00Z&sr=b&sp=r&sig=Er" "ootleFAKE0OHhdt0jdAm8"
            "KdbiHMAPTNhmS6TQ6WRS%3D",
            "\"sasUrl\": \"https://rootlefake.queue.core.windows.net/jobs?sv=2022-11"
            "-02&ss=q&se=2030-06-30&sp=rw&spr=https&sig=B3" "AoxrootleFAKE2cCNEUc"
            "qTHPr3HMBMo5Inmr4qBcuB\"",
        },
        .false_examples = {
            "https://rootlefake.blob.core.windows.net/c/x?sv=2022-11-02&se=2031-0"
            "1-01&sig=<signature>",
            "https://rootlefake.blob.core.windows.net/c/x?se=2031-01-01&sp=r&sig="
            "${SAS_SIG}",
            "https://rootle.invalid/?sig=O1" "eL1rootleFAKEi86AOI" "EB3IU6kFhiQMZAiRWQiY3Z",
        },
    },
    {
        .id = "azure-ad-client-secret",
        .description = "Microsoft Entra ID (Azure AD) application client secret",
        .url = "https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials",
        .keywords = {"q~"},
        .pattern = "(?:^|[^A-Za-z0-9_~.\\-])(?<secret>[A-Za-z0-9_~.\\-]{3}[0-9]Q~[A-Za-z0-9_~.\\-]{31,34})(?:[^A-Za-z0-9_~.\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "AZURE_CLIENT_SECRET=hi" "d8Q~RFLwekrootleFA" "KEZI5nNhBhD2UJOUZC4a",
            "  \"clientSecret\": \"1l" "e7Q~IrootleFAKEEQ0" "xiFbYmwmCiYUdLa9VGzk\",",
        },
        .false_examples = {
            "AZURE_CLIENT_SECRET=Jz" "G8Q~18rootl" "eFAKECtlbe9L8",
            "AZURE_CLIENT_SECRET=abc8Q~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
            "AZURE_CLIENT_SECRET=kd" "z8Q-q7G3rootleFAKE" "qZ3OEIVgefgqXb02lP28",
        },
    },
    {
        .id = "azure-devops-pat",
        .description = "Azure DevOps personal access token (84-character format)",
        .url = "https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
        .keywords = {"azdo"},
        .pattern = "\\b(?<secret>[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{16}AZDO[A-Za-z0-9]{4})\\b",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "AZURE_DEVOPS_PAT=Q8" "ZrootleFAKEWYzkOY5n3GLr3mozWEBa4lfDwd5H"
            "opw88OdWgF4JQQJ99rCR" "1lrootleFAKEhAZDO2VIk",
            "  pat: Kb" "rTrootleFAKEtcuPfvYB9gQHSQBkFUogqLOSvFK" "dXZo0x9c3zrJQQJ9Dqq2"
            "1rootleFAKEGkAZDOkF7q",
        },
        .false_examples = {
            "AZURE_DEVOPS_PAT=CD" "BRrootleFAKECRTLientrVBd3VP29OWv26tD"
            "BcgMZJLOFZCLUAJQQJ9" "9irootle0nhAZDOC1bO",
            "AZURE_DEVOPS_PAT=07" "rootleFAKEQrh9cM1Cm1tYaZ" "gbRcVk7BFe1uvaK5bK1igxgugn",
            "signature = 'AZDO'",
        },
    },
    {
        .id = "azure-service-bus-connection-string",
        .description = "Azure Service Bus / Event Hubs connection string with a shared access key",
        .url = "https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas",
        .keywords = {"sharedaccesskey="},
        .pattern = "Endpoint=sb://[A-Za-z0-9.\\-]{1,200}/?;\\s{0,3}SharedAccessKeyName=[^;\\\"'\\s]{1,100};\\s{0,3}SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)",
        .min_entropy = 4.0,
        .flags = 0,
        .true_examples = {
            "SERVICEBUS=Endpoint=sb://rootlefake.servicebus.windows.net/;SharedAc"
            "cessKeyName=RootManageSharedAccessKey;SharedAccessKey=i0"
            "9krootleFAKEs6ywketc" "hCJhxUhg+CU9OcTOxHWIM=",
            "\"EventHub\": \"Endpoint=sb://rootle-fake.servicebus.windows.net/;Share"
            "dAccessKeyName=send;SharedAccessKey=7D" "HiG8rootleFAKEat4Oro"
            "wxlKd4s233iXTGqtwIoWS=;EntityPath=events\"",
        },
        .false_examples = {
            "Endpoint=sb://rootlefake.servicebus.windows.net/;SharedAccessKeyName"
            "=send;SharedAccessKey=<key>",
            "Endpoint=sb://rootlefake.servicebus.windows.net/;SharedAccessKeyName"
            "=send;SharedAccessKey=Oa" "9dtUroot" "leFAKEamVR=",
            "Endpoint=sb://rootlefake.servicebus.windows.net/;SharedAccessKeyName"
            "=send;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        },
    },
    {
        .id = "digitalocean-pat",
        .description = "DigitalOcean personal access token",
        .url = "https://docs.digitalocean.com/reference/api/create-personal-access-token/",
        .keywords = {"dop_v1_"},
        .pattern = "\\b(?<secret>dop_v1_[a-f0-9]{64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "DIGITALOCEAN_TOKEN=do" "p_v1_cdfb120b746ce8dafa214f520205" "86ec88c3ce72a40c19"
            "b0ea0ac1e3dc300db5",
            "  \"token\": \"do" "p_v1_c149d5f981cd4a5ec42c8cf1958c" "838033e4e771723313"
            "18d4b31c75f5bc5a21\",",
        },
        .false_examples = {
            "DIGITALOCEAN_TOKEN=do" "p_v1_093e201898ec" "37940be3d483b86a4707",
            "DIGITALOCEAN_TOKEN=dop_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"dop_v1_\", 7) == 0)",
        },
    },
    {
        .id = "digitalocean-oauth-token",
        .description = "DigitalOcean OAuth access token",
        .url = "https://docs.digitalocean.com/reference/api/oauth/",
        .keywords = {"doo_v1_"},
        .pattern = "\\b(?<secret>doo_v1_[a-f0-9]{64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "DO_OAUTH_TOKEN=do" "o_v1_fb4dade3819a6677cb80f4df2837" "3dc43e6568bab84078"
            "f0a056872dbb630caa",
            "  \"access_token\": \"do" "o_v1_da8c8b2d7fb903157e9dc02c46fc"
            "f3d5f69199489f4daa" "68199f98598a48cef5\",",
        },
        .false_examples = {
            "DO_OAUTH_TOKEN=do" "o_v1_c126a191d3a4" "0b7bd721a0e0586d9511",
            "DO_OAUTH_TOKEN=doo_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"doo_v1_\", 7) == 0)",
        },
    },
    {
        .id = "digitalocean-refresh-token",
        .description = "DigitalOcean OAuth refresh token",
        .url = "https://docs.digitalocean.com/reference/api/oauth/",
        .keywords = {"dor_v1_"},
        .pattern = "\\b(?<secret>dor_v1_[a-f0-9]{64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "DO_REFRESH_TOKEN=do" "r_v1_fc3c9d17adf62ac57f2dc6809182" "58ed9391f58641c090"
            "ca385625c07c00d51c",
            "  \"refresh_token\": \"do" "r_v1_d6572ea868c79848b87603685a75"
            "17c8868c114fd9bcb6" "988f4b4c1282f6e918\",",
        },
        .false_examples = {
            "DO_REFRESH_TOKEN=do" "r_v1_bae5cf516743" "800b96194425d84265d6",
            "DO_REFRESH_TOKEN=dor_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"dor_v1_\", 7) == 0)",
        },
    },
    {
        .id = "alibaba-access-key-id",
        .description = "Alibaba Cloud AccessKey ID",
        .url = "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair",
        .keywords = {"ltai"},
        .pattern = "\\b(?<secret>LTAI[A-Za-z0-9]{12,20})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .pair_with = "alibaba-access-key-secret",
        .true_examples = {
            "ALIBABA_CLOUD_ACCESS_KEY_ID=LT" "AIyZrootle" "FAKEi2fLmEzf",
            "  \"accessKeyId\": \"LT" "AINErootle" "FAKErJP5Mnns\",",
        },
        .false_examples = {
            "ALIBABA_CLOUD_ACCESS_KEY_ID=LT" "AIjQ9rootleE",
            "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxxxxxx",
            "if (strncmp(tok, \"LTAI\", 4) == 0)",
        },
    },
    {
        .id = "alibaba-access-key-secret",
        .description = "Alibaba Cloud AccessKey secret next to an Alibaba key name",
        .url = "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair",
        .keywords = {"alibaba", "aliyun", "alicloud"},
        .pattern = "(?i:alibaba|aliyun|alicloud)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{30})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET=6X" "FWhrootleFAKE" "RLqkebyj6ktjO7I",
            "alibaba_cloud_access_key_secret: \"lr" "ootleFAKEHy4b" "vbXOcrj8ZVqkLDx\"",
        },
        .false_examples = {
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET=X3" "ndrootleFAKEK",
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ALIBABA_CLOUD_ACCESS_KEY_SECRET}",
            "checksum = kX" "WJdMrootleFAK" "EieiSmNImOSG1qF",
        },
    },
    {
        .id = "ibm-cloud-api-key",
        .description = "IBM Cloud API key next to an IBM key name",
        .url = "https://cloud.ibm.com/docs/account?topic=account-userapikey",
        .keywords = {"ibm"},
        .pattern = "(?i:ibm[\\w.\\-]{0,10}(?:api|iam)|ibmcloud)[\\w.\\-]{0,20}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9_\\-]{44})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "IBM_CLOUD_API_KEY=d2" "bm_HrootleFAKEwaGnma" "2B6p1fNVGwUC_-v2D3xeBF",
            "ibm_cloud_api_key: \"Zr" "ootleFAKEoER4W5SSgwL" "PJx9uaE0c9ZVeZrm9ebkPB\"",
        },
        .false_examples = {
            "IBM_CLOUD_API_KEY=oL" "W6K0rootl" "eFAKERFRot5",
            "IBM_CLOUD_API_KEY=${IBM_CLOUD_API_KEY}",
            "checksum = Yz" "rootleFAKE7KyuBkbtvA" "M5znWmcqqbFGCX7pEiiIfB",
        },
    },
    {
        .id = "oracle-cloud-auth-token",
        .description = "Oracle Cloud Infrastructure auth token next to an OCI name",
        .url = "https://docs.oracle.com/en-us/iaas/Content/Registry/Tasks/registrygettingauthtoken.htm",
        .keywords = {"oci", "oracle"},
        .pattern = "(?i:oci[\\w.\\-]{0,10}auth[\\w.\\-]{0,3}token|oracle[\\w.\\-]{0,10}auth[\\w.\\-]{0,3}token)[\\w.\\-]{0,10}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9+\\-_:;.()<>{}\\[\\]#]{20})(?:[\\s\\\"',]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "OCI_AUTH_TOKEN=0s" "rootleFA" "KEi_ExOn1f",
            "oci_auth_token: \"3h" "BATrootl" "eFAKE8TsJf\"",
        },
        .false_examples = {
            "OCI_AUTH_TOKEN=TQ" "zrootleR",
            "OCI_AUTH_TOKEN=${OCI_AUTH_TOKEN}",
            "checksum = qr" "ootleFAK" "EYQROQEjit",
        },
    },
    {
        .id = "heroku-api-key",
        .description = "Heroku API key (HRKU- format)",
        .url = "https://devcenter.heroku.com/articles/authentication",
        .keywords = {"hrku-"},
        .pattern = "\\b(?<secret>HRKU\\-[A-Za-z0-9_\\-]{60})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "HEROKU_API_KEY=HR" "KU-SBI63rootleFAKEynRy2u5sl8Xi" "BndG_HAK7AfQyxcj"
            "XbULqsLPdaq5K3tVX",
            "  \"token\": \"HR" "KU-NrootleFAKEtX_K63bIIgqyvp3J" "Y0s_sP5qBcm0RYjF"
            "UnHOiOX5f73GS_ulw\",",
        },
        .false_examples = {
            "HEROKU_API_KEY=HR" "KU-3QrootleFAKE" "d2-IuXHaYCsee01VeA",
            "HEROKU_API_KEY=HRKU-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            "xxxxxxxxxxxx",
            "if (strncmp(tok, \"HRKU-\", 5) == 0)",
        },
    },
    {
        .id = "heroku-api-key-legacy",
        .description = "Heroku API key (legacy UUID form) next to a Heroku name",
        .url = "https://devcenter.heroku.com/articles/authentication",
        .keywords = {"heroku"},
        .pattern = "(?i:heroku)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "HEROKU_API_KEY=14" "20487b-a438-db11" "-e1a9-9c9cf9303d26",
            "heroku_api_key: \"30" "7f26a6-99ee-6ec2" "-029e-69d5cce77f09\"",
        },
        .false_examples = {
            "HEROKU_API_KEY=8f" "fb-336e-c6d1-5" "cdb-42516e99f40e",
            "HEROKU_API_KEY=${HEROKU_API_KEY}",
            "checksum = db" "db686e-f8d9-8e23" "-ae97-a74587d0dc74",
        },
    },
    {
        .id = "cloudflare-api-token",
        .description = "Cloudflare API token next to a Cloudflare name",
        .url = "https://developers.cloudflare.com/fundamentals/api/get-started/create-token/",
        .keywords = {"cloudflare", "cf_api", "cf_token"},
        .pattern = "(?i:cloudflare|cf_api|cf_token)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9_\\-]{40})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "CLOUDFLARE_API_TOKEN=JK" "V7rootleFAKEwclyiB" "kTP3km1HTMV-3OHtonEn",
            "cloudflare_api_token: \"Es" "kbrootleFAKEhjVkrL" "EQQxpr8VlDhCC17DxNPC\"",
        },
        .false_examples = {
            "CLOUDFLARE_API_TOKEN=L_" "rootleFA" "KEbtE08oYB",
            "CLOUDFLARE_API_TOKEN=${CLOUDFLARE_API_TOKEN}",
            "checksum = 88" "g3MrootleFAKE15lLG" "2TsZK6uOqMaoUUqKalI-",
        },
    },
    {
        .id = "cloudflare-global-api-key",
        .description = "Cloudflare global API key next to a Cloudflare name",
        .url = "https://developers.cloudflare.com/fundamentals/api/get-started/keys/",
        .keywords = {"cloudflare", "cf_api", "cf_auth"},
        .pattern = "(?i:cloudflare|cf_api|cf_auth)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{37})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "CLOUDFLARE_API_KEY=ee" "cbf5405954647e42" "fccddf8f46c184e64ce",
            "cloudflare_api_key: \"1b" "749fa42c22002248" "16da8b65d2b3dea3014\"",
        },
        .false_examples = {
            "CLOUDFLARE_API_KEY=d6" "625e0a9" "94e11950a",
            "CLOUDFLARE_API_KEY=${CLOUDFLARE_API_KEY}",
            "checksum = 04" "8378ff624907557e" "306b583297c94949393",
        },
    },
    {
        .id = "cloudflare-origin-ca-key",
        .description = "Cloudflare Origin CA key",
        .url = "https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/",
        .keywords = {"v1.0-"},
        .pattern = "\\b(?<secret>v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})\\b",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "CF_ORIGIN_CA_KEY=v1"
            ".0-6ec30cf09ffb56f674d6bf71-026bf454d12b98bb9dcfebad44f88df19fbf4e4f"
            "47a2b5dd9870fb28fc" "e1d8f4a46c33a4fe4f416ca8f91d260ac979dbea83b1"
            "963808a3ce98b4f13cea0e74a46f59b761e8eefbdd27",
            "  \"origin_ca_key\": \"v1"
            ".0-b1a3cfa4628ffeae2f834d24-c4aa804686011e97324650d55ea1eb94173ef7a3"
            "948d8300b51a511087" "09ffa265b2b4b6eceb2773729b23b79935d6e462d2c4"
            "798fc33befc6a48a61c8a346bfa11e4ef688493a7aa6\",",
        },
        .false_examples = {
            "CF_ORIGIN_CA_KEY=v1" ".0-3d6d42c0c4cbc4276ffca808-0cc4583d3fc1f22"
            "7acab87d47c1764a536d1a" "bbd7bc27e4bb2edc82ee480",
            "version: v1.0-beta-release",
            "CF_ORIGIN_CA_KEY=v2"
            ".0-bd7beae047378b75ebb15cbb-d98e213896d6782dc99f2d76f3b212a7e261e42f"
            "214f4fdf90832b1740" "c14ac2e9a6df2c80397c0c2272de914ffb43680fe44a"
            "ce8ebc20677bd3207a76525198abdb60f45c0508b6d6",
        },
    },
    {
        .id = "fastly-api-token",
        .description = "Fastly API token next to a Fastly name",
        .url = "https://docs.fastly.com/en/guides/using-api-tokens",
        .keywords = {"fastly"},
        .pattern = "(?i:fastly)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9_\\-]{32})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "FASTLY_API_TOKEN=f1" "rootleFAKEZ1wF" "VAaMHlSyuXVUS_L5",
            "fastly_api_token: \"ki" "s4frootleFAKEF" "dbie3jeu-0Z6oFdc\"",
        },
        .false_examples = {
            "FASTLY_API_TOKEN=T2" "PJ1roo" "tleFAKE2",
            "FASTLY_API_TOKEN=${FASTLY_API_TOKEN}",
            "checksum = wr" "ootleFAKE6MZHy" "ab38vNwlvoW1fYJd",
        },
    },
    {
        .id = "linode-pat",
        .description = "Linode (Akamai) personal access token next to a Linode name",
        .url = "https://techdocs.akamai.com/linode-api/reference/get-started",
        .keywords = {"linode"},
        .pattern = "(?i:linode)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[a-f0-9]{64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "LINODE_TOKEN=8d" "7f81cbced619744a9ed9ba87eca163" "47b4ec80da4a26c6"
            "c2e634c3c7ef250b",
            "linode_token: \"9e" "ae0ff40dc59c6c07fabe921a541bf7" "110feed7c5379970"
            "36d9f893e48a9a19\"",
        },
        .false_examples = {
            "LINODE_TOKEN=68" "e70ae32db8149b" "ac51ea57f5dc392e",
            "LINODE_TOKEN=${LINODE_TOKEN}",
            "checksum = 5d" "f420f4719de8bab15d7fb8728919ff" "5261a92754da6e50"
            "6102cbd650d171c3",
        },
    },
    {
        .id = "scaleway-secret-key",
        .description = "Scaleway API secret key next to a Scaleway name",
        .url = "https://www.scaleway.com/en/docs/iam/concepts/#api-key",
        .keywords = {"scw", "scaleway"},
        .pattern = "(?i:scw|scaleway)[\\w.\\-]{0,6}(?i:secret)[\\w.\\-]{0,10}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.0,
        .flags = 0,
        .true_examples = {
            "SCW_SECRET_KEY=bb" "4c3af0-e7c2-dc0b" "-97cf-cb11dd54a64f",
            "scw_secret_key: \"41" "4198a1-2447-a65e" "-6db4-95e05314d961\"",
        },
        .false_examples = {
            "SCW_SECRET_KEY=2d" "8f-ee2a-3971-7" "365-cc476f43ceb0",
            "SCW_SECRET_KEY=${SCW_SECRET_KEY}",
            "checksum = ff" "1795f2-a289-41a2" "-4450-012bf12ee08b",
        },
    },
    {
        .id = "vultr-api-key",
        .description = "Vultr API key next to a Vultr name",
        .url = "https://docs.vultr.com/platform/other/api-access",
        .keywords = {"vultr"},
        .pattern = "(?i:vultr)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Z0-9]{36})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "VULTR_API_KEY=2F" "WELROOTLEFAKELAZ" "MOJ5HW75G8L6TGTFHU",
            "vultr_api_key: \"2S" "2S6ROOTLEFAKE283" "JTRESCZI5UQHS1OPY8\"",
        },
        .false_examples = {
            "VULTR_API_KEY=ER" "OOTLEFA" "KEZIQCQPV",
            "VULTR_API_KEY=${VULTR_API_KEY}",
            "checksum = QY" "GIPROOTLEFAKE5U3" "0F63C1MZQIIYDBD2AW",
        },
    },
    {
        .id = "hetzner-cloud-token",
        .description = "Hetzner Cloud API token next to a Hetzner name",
        .url = "https://docs.hetzner.cloud/#authentication",
        .keywords = {"hetzner", "hcloud"},
        .pattern = "(?i:hetzner|hcloud)[\\w.\\-]{0,25}[\\\"']?\\s{0,5}(?::=|=>|[:=])\\s{0,5}[\\\"']?(?<secret>[A-Za-z0-9]{64})(?:[^A-Za-z0-9_\\-]|$)",
        .min_entropy = 3.5,
        .flags = 0,
        .true_examples = {
            "HCLOUD_TOKEN=0c" "UzrootleFAKELsq9NucnNqM6YVx8tc" "RRKTqFxnmjEhnekl"
            "i9PGfHcgiKHspUht",
            "hcloud_token: \"lr" "ootleFAKEOhGycOH1wFeQkg8T0BVmz" "ryYPbJgkcEe4Qav1"
            "yikjEtH6Y7H1RY2C\"",
        },
        .false_examples = {
            "HCLOUD_TOKEN=ir" "ootleFAKEWEZre" "7evqp8pKZCQZrZYc",
            "HCLOUD_TOKEN=${HCLOUD_TOKEN}",
            "checksum = tr" "ProotleFAKEiIEfZNG1xs689tdMZoZ" "bBzRBxCfvaIxmLvM"
            "gY0S4799FjCatJdK",
        },
    },
};
const size_t det_rules_cloud_count = sizeof det_rules_cloud / sizeof det_rules_cloud[0];
